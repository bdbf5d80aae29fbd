#include "text/stemmer.h"

#include <optional>
#include <string>
#include <vector>

#include "text/fold.h"
#include "text/internal/data.h"
#include "text/lexicon.h"

namespace pol::text {
namespace {

// Folded suffixes (UTF-8).
constexpr std::string_view kPlurals[] = {
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4\xD8\xA7\xD9\x86",  // هایشان
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA\xD8\xA7\xD9\x86",  // هایتان
    "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85\xD8\xA7\xD9\x86",  // هایمان
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4",                  // هایش
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA",                  // هایت
    "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85",                  // هایم
    "\xD9\x87\xD8\xA7\xDB\x8C\xDB\x8C",                  // هایی
    "\xD9\x87\xD8\xA7\xDB\x8C",                          // های
    "\xD9\x87\xD8\xA7",                                  // ها
};
constexpr std::string_view kTar = "\xD8\xAA\xD8\xB1";                    // تر
constexpr std::string_view kTarin = "\xD8\xAA\xD8\xB1\xDB\x8C\xD9\x86";  // ترین
constexpr std::string_view kAn = "\xD8\xA7\xD9\x86";                     // ان
constexpr std::string_view kYan = "\xDB\x8C\xD8\xA7\xD9\x86";            // یان
constexpr std::string_view kGan = "\xDA\xAF\xD8\xA7\xD9\x86";            // گان
constexpr std::string_view kHa = "\xD9\x87\xD8\xA7";                     // ها
constexpr std::string_view kYe = "\xDB\x8C";                             // ی
constexpr std::string_view kHeh = "\xD9\x87";                            // ه
constexpr std::string_view kAlef = "\xD8\xA7";                           // ا
constexpr std::string_view kWaw = "\xD9\x88";                            // و

// Suffixes that, after a ZWNJ, are dropped outright.
constexpr std::string_view kZwnjSuffixes[] = {
    "\xD9\x87\xD8\xA7",                                  // ها
    "\xD9\x87\xD8\xA7\xDB\x8C",                          // های
    "\xD9\x87\xD8\xA7\xDB\x8C\xDB\x8C",                  // هایی
    "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85",                  // هایم
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA",                  // هایت
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4",                  // هایش
    "\xD9\x87\xD8\xA7\xDB\x8C\xD9\x85\xD8\xA7\xD9\x86",  // هایمان
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xAA\xD8\xA7\xD9\x86",  // هایتان
    "\xD9\x87\xD8\xA7\xDB\x8C\xD8\xB4\xD8\xA7\xD9\x86",  // هایشان
    "\xD8\xAA\xD8\xB1",                                  // تر
    "\xD8\xAA\xD8\xB1\xDB\x8C\xD9\x86",                  // ترین
    "\xDB\x8C",                                          // ی
    "\xD8\xA7\xDB\x8C",                                  // ای
    "\xD8\xA7\xD9\x85",                                  // ام
    "\xD8\xA7\xD8\xAA",                                  // ات
    "\xD8\xA7\xD8\xB4",                                  // اش
    "\xD9\x85\xD8\xA7\xD9\x86",                          // مان
    "\xD8\xAA\xD8\xA7\xD9\x86",                          // تان
    "\xD8\xB4\xD8\xA7\xD9\x86",                          // شان
};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// At least two letters (Persian letters are two bytes).
bool LongEnough(std::string_view s) { return s.size() >= 4; }

bool Known(std::string_view s) { return IsLexiconWord(s); }

bool KnownWith(std::string_view s, std::string_view suffix) {
  thread_local std::string k;
  k.assign(s);
  k.append(suffix);
  return Known(k);
}

// Comparative / superlative, returns true and sets *out if stripped.
bool StripDegree(std::string_view w, std::string* out) {
  if (EndsWith(w, kTarin)) {
    std::string_view s = w.substr(0, w.size() - kTarin.size());
    if (LongEnough(s) && Known(s) && KnownWith(s, kTar)) {
      *out = std::string(s);
      return true;
    }
  } else if (EndsWith(w, kTar)) {
    std::string_view s = w.substr(0, w.size() - kTar.size());
    if (LongEnough(s) && Known(s) && KnownWith(s, kTarin)) {
      *out = std::string(s);
      return true;
    }
  }
  return false;
}

std::optional<std::string> Exception(std::string_view w) {
  auto e = internal::kStemExceptions.Find(w);
  if (!e) return std::nullopt;
  return e->empty() ? std::string(w) : std::string(*e);
}

// Returns the stem, or an empty string if no rule applies.
// True if w ends with something a rule could strip (all exceptions do too).
bool MayHaveSuffix(std::string_view w) {
  if (w.size() < 4) return false;
  std::string_view t = w.substr(w.size() - 2);
  // ا (ها), ی (های, هایی, ترین? no: ترین ends in ن), ن (ان, ترین, …ان), ر (تر), م ت ش (هایم, هایت, هایش).
  return t == "\xD8\xA7" || t == "\xDB\x8C" || t == "\xD9\x86" || t == "\xD8\xB1" || t == "\xD9\x85" ||
         t == "\xD8\xAA" || t == "\xD8\xB4";
}

std::string StemOnce(std::string_view w) {
  if (!MayHaveSuffix(w)) return {};
  if (auto e = Exception(w)) return *e;
  for (std::string_view p : kPlurals) {
    if (!EndsWith(w, p)) continue;
    std::string_view s = w.substr(0, w.size() - p.size());
    if (!LongEnough(s)) break;
    if (auto e = Exception(s)) return *e;
    if (Known(s)) {
      std::string d;
      if (StripDegree(s, &d)) return d;
      return std::string(s);
    }
    std::string d;
    if (StripDegree(s, &d)) return d;
    break;
  }
  {
    std::string d;
    if (StripDegree(w, &d)) return d;
  }
  if (EndsWith(w, kAn) && w.size() >= kAn.size() + 4) {
    bool plural_is_noun = KnownWith(w, kHa);
    if (EndsWith(w, kGan)) {
      std::string s(w.substr(0, w.size() - kGan.size()));
      s.append(kHeh);
      if (s.size() >= 6 && Known(s) && !plural_is_noun) return s;
    }
    if (EndsWith(w, kYan)) {
      std::string_view s = w.substr(0, w.size() - kYan.size());
      if ((EndsWith(s, kAlef) || EndsWith(s, kWaw)) && LongEnough(s) && Known(s) && !plural_is_noun) {
        return std::string(s);
      }
    }
    std::string_view s = w.substr(0, w.size() - kAn.size());
    if (LongEnough(s) && !EndsWith(s, kAlef) && Known(s)) {
      bool own_word = Known(w) && (plural_is_noun || KnownWith(w, kYe));
      if (!own_word) return std::string(s);
    }
  }
  return {};
}

bool IsZwnjSuffix(std::string_view seg) {
  for (std::string_view s : kZwnjSuffixes) {
    if (seg == s) return true;
  }
  return false;
}

}  // namespace

std::string Stem(std::string_view folded_word) {
  std::string s = StemOnce(folded_word);
  return s.empty() ? std::string(folded_word) : s;
}

std::string StemDisplayWord(std::string_view word) {
  static constexpr std::string_view kZwnj = "\xE2\x80\x8C";
  std::vector<std::string> segs;
  size_t start = 0;
  while (true) {
    size_t z = word.find(kZwnj, start);
    std::string f =
        FoldChars(word.substr(start, z == std::string_view::npos ? std::string_view::npos : z - start));
    if (!f.empty()) segs.push_back(std::move(f));
    if (z == std::string_view::npos) break;
    start = z + kZwnj.size();
  }
  if (segs.empty()) return {};
  if (segs.size() == 1) return Stem(segs[0]);
  // Drop trailing suffix segments (کتاب‌ها, محبوب‌ترین‌ها, خانه‌ی).
  while (segs.size() > 1 && IsZwnjSuffix(segs.back())) segs.pop_back();
  std::string whole;
  for (const auto& s : segs) whole += s;
  if (segs.size() == 1) return Stem(whole);
  std::string stem = StemOnce(whole);
  if (!stem.empty()) return stem;
  // Stem the last segment of the compound alone (بیمه‌شدگان → بیمه‌شده).
  std::string last = StemOnce(segs.back());
  if (last.empty()) return whole;
  whole.resize(whole.size() - segs.back().size());
  return whole + last;
}

}  // namespace pol::text
