#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/internal/chars.h"
#include "text/internal/scan.h"
#include "text/lexicon.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

using internal::IsArabicLetter;
using internal::IsArabicMark;
using internal::IsDualJoining;
using internal::kZwnj;

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr char kZwnjUtf8[] = "\xE2\x80\x8C";

// Actions for code points below U+0800 (everything Persian text mostly uses).
constexpr uint16_t kDrop = 0xFFFF;
constexpr uint16_t kSpace = 0xFFFE;
constexpr uint16_t kNewline = 0xFFFD;
constexpr uint16_t kCarriageReturn = 0xFFFC;
constexpr uint16_t kTatweel = 0xFFFB;

struct SmallTable {
  std::array<uint16_t, 0x800> map;
};

constexpr SmallTable MakeSmallTable() {
  SmallTable t{};
  for (uint32_t c = 0; c < 0x800; ++c) t.map[c] = static_cast<uint16_t>(c);
  for (uint32_t c = 0; c < 0x20; ++c) t.map[c] = kDrop;
  t.map['\t'] = kSpace;
  t.map[' '] = kSpace;
  t.map[0x0B] = kSpace;
  t.map[0x0C] = kSpace;
  t.map['\n'] = kNewline;
  t.map['\r'] = kCarriageReturn;
  t.map[0x7F] = kDrop;
  for (uint32_t c = 0x80; c < 0xA0; ++c) t.map[c] = kDrop;
  t.map[0x85] = kSpace;
  t.map[0xA0] = kSpace;
  t.map[0xAD] = kDrop;
  t.map[0x061C] = kDrop;  // Arabic letter mark
  t.map[0x0640] = kTatweel;
  t.map[0x064A] = 0x06CC;  // ي → ی
  t.map[0x0649] = 0x06CC;  // ى → ی
  t.map[0x06CD] = 0x06CC;  // ۍ → ی
  t.map[0x06D0] = 0x06CC;  // ې → ی
  t.map[0x0643] = 0x06A9;  // ك → ک
  t.map[0x06AA] = 0x06A9;  // ڪ → ک
  t.map[0x06BE] = 0x0647;  // ھ → ه
  t.map[0x06C1] = 0x0647;  // ہ → ه
  t.map[0x06D5] = 0x0647;  // ە → ه
  for (uint32_t d = 0; d < 10; ++d) t.map[0x0660 + d] = static_cast<uint16_t>(0x06F0 + d);
  return t;
}

constexpr SmallTable kSmall = MakeSmallTable();

// Arabic-block letters (U+0600..U+06FF) that the normalizer copies unchanged.
// plain[c - 0x600] is the letter to write for U+0600..U+06FF when that is a
// letter (itself, or its Persian form for ي ك …), 0 otherwise.
struct PlainTable {
  std::array<uint16_t, 0x100> plain;
};
constexpr PlainTable MakePlainTable() {
  PlainTable t{};
  for (uint32_t c = 0x600; c < 0x700; ++c) {
    uint16_t m = kSmall.map[c];
    t.plain[c - 0x600] = IsArabicLetter(c) && m < 0x800 && IsArabicLetter(m) ? m : 0;
  }
  return t;
}
constexpr PlainTable kPlain = MakePlainTable();

// The same indexed by the two UTF-8 bytes (lead 0xD8..0xDB): 0 = not a plain
// letter, 1 = copied as is, else the replacement letter.
struct PairTable {
  std::array<uint16_t, 4 * 256> v;
};
constexpr PairTable MakePairTable() {
  PairTable t{};
  for (uint32_t hi = 0; hi < 4; ++hi) {
    for (uint32_t b1 = 0; b1 < 256; ++b1) {
      uint16_t r = 0;
      if ((b1 & 0xC0) == 0x80) {
        uint32_t idx = (hi << 6) | (b1 & 0x3F);
        uint16_t m = kPlain.plain[idx];
        r = m == 0 ? 0 : (m == 0x600 + idx ? 1 : m);
      }
      t.v[hi * 256 + b1] = r;
    }
  }
  return t;
}
constexpr PairTable kPair = MakePairTable();

// IsDualJoining for U+0600..U+06FF.
struct DualTable {
  std::array<bool, 0x100> dual;
};
constexpr DualTable MakeDualTable() {
  DualTable t{};
  for (uint32_t c = 0x600; c < 0x700; ++c) t.dual[c - 0x600] = IsDualJoining(c);
  return t;
}
constexpr DualTable kDual = MakeDualTable();

bool IsPresentationForm(char32_t c) { return (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC); }

// Expansions of Arabic presentation forms and ligatures via NFKC, built once.
class PresentationForms {
 public:
  static const PresentationForms& Get() {
    static const PresentationForms* forms = new PresentationForms();
    return *forms;
  }
  // Empty if the code point has no compatibility decomposition.
  const std::u32string& Expand(char32_t c) const {
    static const std::u32string kEmpty;
    if (c >= 0xFB50 && c <= 0xFDFF) return a_[c - 0xFB50];
    if (c >= 0xFE70 && c <= 0xFEFC) return b_[c - 0xFE70];
    return kEmpty;
  }

 private:
  PresentationForms() : a_(0xFDFF - 0xFB50 + 1), b_(0xFEFC - 0xFE70 + 1) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status)) return;
    auto fill = [&](char32_t first, std::vector<std::u32string>* out) {
      for (size_t i = 0; i < out->size(); ++i) {
        char32_t c = first + static_cast<char32_t>(i);
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString in(static_cast<UChar32>(c));
        icu::UnicodeString norm = nfkc->normalize(in, st);
        if (U_FAILURE(st) || norm == in) continue;
        std::u32string expanded;
        for (int32_t k = 0; k < norm.length();) {
          UChar32 x = norm.char32At(k);
          k += U16_LENGTH(x);
          expanded.push_back(static_cast<char32_t>(x));
        }
        // Isolated forms of marks decompose to SPACE + mark: keep the mark.
        if (expanded.size() == 2 && expanded[0] == ' ' && IsArabicMark(expanded[1])) expanded.erase(0, 1);
        (*out)[i] = std::move(expanded);
      }
    };
    fill(0xFB50, &a_);
    fill(0xFE70, &b_);
  }
  std::vector<std::u32string> a_;
  std::vector<std::u32string> b_;
};

bool IsOpenBracket(char32_t c) { return c == '(' || c == '[' || c == '{' || c == 0xAB; }
// Never preceded by a space.
bool IsTightClose(char32_t c) {
  return c == ')' || c == ']' || c == '}' || c == 0xBB || c == 0x060C || c == 0x061B || c == 0x061F;
}
// Not preceded by a space when they follow a word.
bool IsTightAfterWord(char32_t c) {
  return c == '.' || c == ',' || c == ':' || c == ';' || c == '!' || c == '?';
}
// Followed by a space when a Persian letter comes next.
bool WantsSpaceAfter(char32_t c) {
  return c == ':' || c == ';' || c == '!' || c == '?' || c == ',' || c == 0x060C || c == 0x061B ||
         c == 0x061F || c == ')' || c == ']' || c == 0xBB;
}

// "می" and "نمی" in UTF-8.
constexpr std::string_view kMi = "\xD9\x85\xDB\x8C";
constexpr std::string_view kNemi = "\xD9\x86\xD9\x85\xDB\x8C";

bool IsPluralSuffix(std::string_view w) {
  static constexpr std::string_view kSuffixes[] = {
      "\xD9\x87\xD8\xA7",                                  // ها
      "\xD9\x87\xD8\xA7\xDB\x8C",                          // های
      "\xD9\x87\xD8\xA7\xDB\x8C\xDB\x8C",                  // هایی
      "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85",                  // هایم
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA",                  // هایت
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4",                  // هایش
      "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85\xD8\xA7\xD9\x86",  // هایمان
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA\xD8\xA7\xD9\x86",  // هایتان
      "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4\xD8\xA7\xD9\x86",  // هایشان
  };
  if (w.size() < 4 || w[0] != '\xD9' || w[1] != '\x87') return false;
  for (std::string_view s : kSuffixes) {
    if (w == s) return true;
  }
  return false;
}

constexpr std::string_view kTar = "\xD8\xAA\xD8\xB1";                    // تر
constexpr std::string_view kTarin = "\xD8\xAA\xD8\xB1\xDB\x8C\xD9\x86";  // ترین
constexpr std::string_view kYe = "\xDB\x8C";                             // ی
constexpr std::string_view kAlefYe = "\xD8\xA7\xDB\x8C";                 // ای

// The last code point before byte `end` that is not an Arabic mark.
char32_t LastBase(std::string_view s, size_t begin, size_t end) {
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t len;
    char32_t c = DecodeUtf8(s, start, &len);
    if (!IsArabicMark(c)) return c;
    end = start;
  }
  return 0;
}

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

void NormalizeDisplayAppend(std::string_view utf8, std::string* out) {
  Normalizer n(out, utf8.size() + utf8.size() / 8 + 64);
  n.Run(utf8);
  n.Finish();
}

std::string NormalizeDisplay(std::string_view utf8) {
  std::string out;
  NormalizeDisplayAppend(utf8, &out);
  return out;
}

}  // namespace pol::text
