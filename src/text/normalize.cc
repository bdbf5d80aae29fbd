#include "text/normalize.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/internal/chars.h"
#include "text/internal/normalize_tables.h"
#include "text/internal/scan.h"
#include "text/lexicon.h"
#include "text/utf8.h"

// The display normalizer's passes over the text (the tables they use are in
// internal/normalize_tables.h).
namespace pol::text {
namespace internal {
namespace {

// Words that end in ها/های of their own (folded: آنها → انها), which display normalization never splits.
constexpr std::string_view kGluedHaWords[] = {
    "تنها",    "تنهای",    "انها",   "اینها",   "همینها", "همانها", "انتها", "انتهای",
    "اشتها",   "اشتهای",   "فقها",   "سفها",    "رها",    "رهای",   "بها",   "بهای",
    "گرانبها", "گرانبهای", "خونبها", "خونبهای", "پربها",  "کمبها",  "بیبها",
};

// Output buffer over a std::string: writes go to spare capacity without
// per-byte size bookkeeping; Finish() trims the string to what was written.
class Buf {
 public:
  Buf(std::string* s, size_t expected) : s_(s), len_(s->size()) { s_->resize(len_ + expected); }
  size_t size() const { return len_; }
  const char* data() const { return s_->data(); }
  char operator[](size_t i) const { return (*s_)[i]; }
  std::string_view view() const { return std::string_view(s_->data(), len_); }
  void push_back(char c) {
    Room(1);
    (*s_)[len_++] = c;
  }
  void append(const char* p, size_t n) {
    Room(n);
    std::memcpy(s_->data() + len_, p, n);
    len_ += n;
  }
  void Append2(char a, char b) {
    Room(2);
    char* d = s_->data() + len_;
    d[0] = a;
    d[1] = b;
    len_ += 2;
  }
  void AppendUtf8(char32_t c) {
    char b[4];
    size_t n;
    if (c < 0x80) {
      b[0] = static_cast<char>(c);
      n = 1;
    } else if (c < 0x800) {
      b[0] = static_cast<char>(0xC0 | (c >> 6));
      b[1] = static_cast<char>(0x80 | (c & 0x3F));
      n = 2;
    } else if (c < 0x10000) {
      b[0] = static_cast<char>(0xE0 | (c >> 12));
      b[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      b[2] = static_cast<char>(0x80 | (c & 0x3F));
      n = 3;
    } else {
      b[0] = static_cast<char>(0xF0 | (c >> 18));
      b[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      b[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      b[3] = static_cast<char>(0x80 | (c & 0x3F));
      n = 4;
    }
    append(b, n);
  }
  // Inserts n bytes at pos (pos <= size()).
  void insert(size_t pos, const char* p, size_t n) {
    Room(n);
    char* d = s_->data();
    std::memmove(d + pos + n, d + pos, len_ - pos);
    std::memcpy(d + pos, p, n);
    len_ += n;
  }
  void erase(size_t pos, size_t n) {
    char* d = s_->data();
    std::memmove(d + pos, d + pos + n, len_ - pos - n);
    len_ -= n;
  }
  void replace(size_t pos, size_t n, const char* p, size_t m) {
    erase(pos, n);
    insert(pos, p, m);
  }
  void Finish() { s_->resize(len_); }

 private:
  void Room(size_t n) {
    if (len_ + n > s_->size()) s_->resize(std::max(s_->size() * 2, len_ + n + 64));
  }
  std::string* s_;
  size_t len_;
};

class Normalizer {
 public:
  Normalizer(std::string* out, size_t expected) : out_(out, expected) {}
  void Finish() { out_.Finish(); }

  void Run(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
      unsigned char b = static_cast<unsigned char>(s[i]);
      if (b < 0x80) {
        if (((b | 0x20) == 'h' || (b | 0x20) == 'w') && AtTokenBoundary()) {
          size_t url = internal::UrlLength(s, i);
          if (url > 0) {
            CopyUrl(s.substr(i, url));
            i += url;
            continue;
          }
        }
        uint16_t a = kSmall.map[b];
        if (a == b) {
          PutAscii(b);
        } else if (a == kSpace) {
          Space();
        } else if (a == kNewline) {
          Newline();
        } else if (a == kCarriageReturn) {
          if (i + 1 < n && s[i + 1] == '\n') {
            // CR LF: the LF makes the newline.
          } else {
            Space();
          }
        }
        ++i;
        continue;
      }
      if (b >= 0xD8 && b <= 0xDB && !pending_zwnj_ && (word_start_ != kNone || pending_space_)) {
        size_t j = FastLetters(s, i);
        if (j > i) {
          i = j;
          continue;
        }
      }
      size_t len;
      char32_t c = DecodeUtf8(s, i, &len);
      if (c < 0x800) {
        uint16_t a = kSmall.map[c];
        if (a == c) {
          PutRaw(c, s.data() + i, len);
        } else if (a == kSpace) {
          Space();
        } else if (a == kTatweel) {
          // Stretching a letter: dropped. Standing for a dash (6ــ1, " ــ "): kept.
          if (!(IsArabicLetter(last_base_) && word_start_ != kNone && !pending_space_)) Put(0x0640);
        } else if (a != kDrop) {
          Put(a);
        }
      } else if (c == kZwnj) {
        pending_zwnj_ = true;
      } else if (internal::IsSpaceVariant(c)) {
        Space();
      } else if (internal::IsStrayMark(c)) {
        // dropped
      } else if (c == internal::kZwj) {
        // Kept inside emoji sequences, dropped elsewhere.
        if (last_ >= 0x2000 && !pending_space_) PutRaw(c, s.data() + i, len);
      } else if (IsPresentationForm(c)) {
        const std::u32string& x = PresentationForms::Get().Expand(c);
        if (x.empty()) {
          PutRaw(c, s.data() + i, len);
        } else {
          for (char32_t e : x) {
            if (e == ' ') {
              Space();
            } else if (e < 0x800 && kSmall.map[e] != e) {
              if (kSmall.map[e] < kTatweel) Put(kSmall.map[e]);
            } else {
              Put(e);
            }
          }
        }
      } else if (c == kReplacementChar && len == 1) {
        Put(kReplacementChar);
      } else {
        PutRaw(c, s.data() + i, len);
      }
      i += len;
    }
    EndWord();
    pending_space_ = false;
    pending_zwnj_ = false;
  }

 private:
  // Copies a run of Persian letters starting at s[i] while no rule can apply
  // (inside a word, or starting one after a plain space); returns the end.
  size_t FastLetters(std::string_view s, size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const size_t last = s.size() - 1;  // a letter needs p[j] and p[j + 1]
    // Index of the letter at j in kPlain, or -1.
    auto index_at = [p](size_t j) -> int {
      unsigned hi = p[j] - 0xD8u, lo = p[j + 1] - 0x80u;
      if (hi > 3u || lo > 0x3Fu) return -1;
      return static_cast<int>((hi << 6) | lo);
    };
    if (i >= last) return i;
    int first = index_at(i);
    if (first < 0 || kPlain.plain[first] == 0) return i;
    if (word_start_ == kNone) {
      // A word starts after a pending space: the space is written unless the
      // previous character was an opening bracket (then dropped).
      if (last_ == 0 || IsOpenBracket(last_) || WantsSpaceAfter(last_) || last_ == '.') return i;
      pending_space_ = false;
      out_.push_back(' ');
      word_start_ = out_.size();
    }
    Buf& o = out_;
    size_t j = i;
    size_t run = i;
    uint16_t m = 0;
    char32_t c = 0;
    while (j < last) {
      unsigned hi = p[j] - 0xD8u;
      if (hi > 3u) {
        // A single ZWNJ between two plain letters: kept after a letter that
        // joins to the left, dropped after one that does not.
        if (p[j] == 0xE2 && j + 4 < last && p[j + 1] == 0x80 && p[j + 2] == 0x8C && j > i) {
          unsigned nhi = p[j + 3] - 0xD8u;
          if (nhi <= 3u && kPair.v[nhi * 256 + p[j + 4]] != 0) {
            char32_t prev = c != 0 ? c : (static_cast<char32_t>(p[j - 2] & 0x1F) << 6) | (p[j - 1] & 0x3F);
            if (!kDual.dual[prev - 0x600]) {
              o.append(s.data() + run, j - run);
              run = j + 3;
            }
            c = 0;
            j += 3;
            continue;
          }
        }
        break;
      }
      m = kPair.v[hi * 256 + p[j + 1]];
      if (m == 0) break;
      if (m != 1) {
        o.append(s.data() + run, j - run);
        o.Append2(static_cast<char>(0xC0 | (m >> 6)), static_cast<char>(0x80 | (m & 0x3F)));
        run = j + 2;
        c = m;
      } else {
        c = 0;
      }
      j += 2;
    }
    if (c == 0) c = (static_cast<char32_t>(p[j - 2] & 0x1F) << 6) | (p[j - 1] & 0x3F);
    o.append(s.data() + run, j - run);
    last_ = c;
    last_base_ = c;
    return j;
  }

  bool AtTokenBoundary() const {
    return last_ == 0 || pending_space_ || IsOpenBracket(last_) || last_ == '"' || last_ == '\'' ||
           last_ == '<';
  }

  void Space() {
    pending_zwnj_ = false;
    EndWord();
    if (last_ != 0) pending_space_ = true;
  }

  void Newline() {
    pending_zwnj_ = false;
    EndWord();
    pending_space_ = false;
    out_.push_back('\n');
    last_ = 0;
    last_base_ = 0;
    prev_word_start_ = kNone;
  }

  // Resolves a pending space before emitting `c`.
  void Before(char32_t c, bool letter) {
    if (pending_zwnj_) {
      pending_zwnj_ = false;
      if (!pending_space_ && letter && word_start_ != kNone && IsDualJoining(last_base_)) {
        out_.append(kZwnjUtf8, 3);
        last_ = kZwnj;
      }
    }
    if (pending_space_) {
      pending_space_ = false;
      bool drop = IsOpenBracket(last_) || IsTightClose(c) ||
                  (IsTightAfterWord(c) &&
                   (IsArabicLetter(last_base_) || IsArabicMark(last_) || last_ == ')' || last_ == 0xBB));
      if (!drop) EmitSpace();
    } else if (last_ != 0) {
      if (letter) {
        if (WantsSpaceAfter(last_) || (last_ == '.' && dot_after_word_)) EmitSpace();
      } else if ((c == '(' || c == 0xAB) && (IsArabicLetter(last_) || IsArabicMark(last_) || last_ == ':' ||
                                             last_ == 0x060C || last_ == 0x061B)) {
        EmitSpace();
      }
    }
  }

  void EmitSpace() {
    EndWord();
    out_.push_back(' ');
    last_ = ' ';
  }

  void Track(char32_t c, bool letter, bool mark) {
    if (letter) {
      if (word_start_ == kNone) word_start_ = out_.size();
    } else if (!(mark && word_start_ != kNone)) {
      if (word_start_ != kNone) EndWord();
      if (c == '.') dot_after_word_ = last_word_bytes_ > 2 && IsArabicLetter(last_base_);
      prev_word_start_ = kNone;
    }
  }

  void Emitted(char32_t c, bool mark) {
    last_ = c;
    if (!mark) last_base_ = c;
  }

  void PutAscii(unsigned char b) {
    if (!pending_space_ && !pending_zwnj_ && word_start_ == kNone && last_ != 0 &&
        (static_cast<unsigned>((b | 0x20) - 'a') < 26u || static_cast<unsigned>(b - '0') < 10u) &&
        !WantsSpaceAfter(last_) && last_ != '.') {
      out_.push_back(static_cast<char>(b));
      last_ = b;
      last_base_ = b;
      prev_word_start_ = kNone;
      return;
    }
    Before(b, false);
    Track(b, false, false);
    out_.push_back(static_cast<char>(b));
    Emitted(b, false);
  }

  void PutRaw(char32_t c, const char* bytes, size_t len) {
    bool letter = IsArabicLetter(c);
    if (letter && !pending_space_ && !pending_zwnj_ && word_start_ != kNone) {
      out_.append(bytes, len);
      last_ = c;
      last_base_ = c;
      return;
    }
    bool mark = !letter && IsArabicMark(c);
    Before(c, letter);
    Track(c, letter, mark);
    out_.append(bytes, len);
    Emitted(c, mark);
  }

  void Put(char32_t c) {
    bool letter = IsArabicLetter(c);
    bool mark = !letter && IsArabicMark(c);
    Before(c, letter);
    Track(c, letter, mark);
    out_.AppendUtf8(c);
    Emitted(c, mark);
  }

  void CopyUrl(std::string_view url) {
    Before('h', false);
    Track('h', false, false);
    size_t i = 0;
    while (i < url.size()) {
      size_t len;
      char32_t c = DecodeUtf8(url, i, &len);
      if (c == kReplacementChar && len == 1) {
        out_.AppendUtf8(c);
      } else {
        out_.append(url.data() + i, len);
      }
      i += len;
    }
    char32_t end = static_cast<unsigned char>(url.back());
    if (end >= 0x80) end = 'x';
    last_ = end;
    last_base_ = end;
    prev_word_start_ = kNone;
  }

  // If `w` (one word, display form) is a known word with ها or های glued to it, the byte offset
  // where a ZWNJ goes; else 0. The word before the suffix must be in the lexicon and end in a
  // letter that joins to the left, and the whole must not be a word of its own ending in ها (the
  // guard list: تنها is not تن + ها).
  static size_t GluedPluralCut(std::string_view w) {
    static constexpr std::string_view kHa = "\xD9\x87\xD8\xA7";            // ها
    static constexpr std::string_view kHaye = "\xD9\x87\xD8\xA7\xDB\x8C";  // های
    size_t suffix = 0;
    if (w.ends_with(kHa)) {
      suffix = kHa.size();
    } else if (w.ends_with(kHaye)) {
      suffix = kHaye.size();
    } else {
      return 0;
    }
    const size_t cut = w.size() - suffix;
    if (cut < 4) return 0;  // at least two letters before the suffix
    if (w.find(kZwnjUtf8) != std::string_view::npos || w.find(' ') != std::string_view::npos) return 0;
    if (!IsDualJoining(LastBase(w, 0, cut))) return 0;
    const std::string whole = FoldChars(w);
    for (std::string_view guard : kGluedHaWords) {
      if (whole == guard) return 0;
    }
    if (!IsLexiconWord(FoldChars(w.substr(0, cut)))) return 0;
    return cut;
  }

  // Called when the word being written (if any) ends: applies the verb
  // prefix and affix-joining rules.
  void EndWord() {
    if (word_start_ == kNone) return;
    size_t ws = word_start_;
    word_start_ = kNone;
    Buf& o = out_;
    last_word_bytes_ = o.size() - ws;
    std::string_view w(o.data() + ws, o.size() - ws);

    // می/نمی glued to a known verb form: insert ZWNJ.
    size_t prefix = 0;
    if (w.size() > kMi.size() && w.compare(0, kMi.size(), kMi) == 0) {
      prefix = kMi.size();
    } else if (w.size() > kNemi.size() && w.compare(0, kNemi.size(), kNemi) == 0) {
      prefix = kNemi.size();
    }
    if (prefix != 0 && w.compare(prefix, 3, kZwnjUtf8) != 0 && IsMiVerbForm(w.substr(prefix))) {
      o.insert(ws + prefix, kZwnjUtf8, 3);
      w = std::string_view(o.data() + ws, o.size() - ws);
    }

    // ها/های glued to a known word: insert ZWNJ (کتابها → کتاب‌ها; تنها, آنها stay).
    if (size_t cut = GluedPluralCut(w); cut != 0) {
      o.insert(ws + cut, kZwnjUtf8, 3);
      w = std::string_view(o.data() + ws, o.size() - ws);
    }

    if (prev_word_start_ != kNone && prev_word_end_ + 1 == ws && o[prev_word_end_] == ' ') {
      std::string_view prev(o.data() + prev_word_start_, prev_word_end_ - prev_word_start_);
      bool join = false;
      bool zwnj = true;
      if ((prev == kMi || prev == kNemi) && IsMiVerbForm(w)) {
        join = true;
      } else if (IsPluralSuffix(w)) {
        join = true;
      } else if (w == kTar || w == kTarin) {
        std::string key = FoldChars(prev);
        size_t base = key.size();
        key.append(kTar);
        join = IsLexiconWord(key);
        if (!join && w == kTarin) {
          key.resize(base);
          key.append(kTarin);
          join = IsLexiconWord(key);
        }
      } else if ((w == kYe || w == kAlefYe) && prev.size() >= 2 &&
                 LastBase(o.view(), prev_word_start_, prev_word_end_) == 0x0647) {
        join = true;
      }
      if (join) {
        zwnj = IsDualJoining(LastBase(o.view(), prev_word_start_, prev_word_end_));
        if (zwnj) {
          o.replace(prev_word_end_, 1, kZwnjUtf8, 3);
        } else {
          o.erase(prev_word_end_, 1);
        }
        ws = prev_word_start_;
      }
    }
    prev_word_start_ = ws;
    prev_word_end_ = o.size();
  }

  Buf out_;
  char32_t last_ = 0;       // last code point written on this line (0 at line start)
  char32_t last_base_ = 0;  // last non-mark code point written
  bool pending_space_ = false;
  bool pending_zwnj_ = false;
  bool dot_after_word_ = false;
  size_t last_word_bytes_ = 0;
  size_t word_start_ = kNone;  // start of the Persian word being written
  size_t prev_word_start_ = kNone;
  size_t prev_word_end_ = kNone;
};

}  // namespace
}  // namespace internal

void NormalizeDisplayAppend(std::string_view utf8, std::string* out) {
  internal::Normalizer n(out, utf8.size() + utf8.size() / 8 + 64);
  n.Run(utf8);
  n.Finish();
}

std::string NormalizeDisplay(std::string_view utf8) {
  std::string out;
  NormalizeDisplayAppend(utf8, &out);
  return out;
}

}  // namespace pol::text
