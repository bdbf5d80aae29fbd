#include "text/compounds.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>
#include <vector>

#include "text/fold.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

constexpr std::string_view kZwnj = "\xE2\x80\x8C";

// The compound lexicon: a first part and the forms of the second part that make a compound with it.
// Written in display form; folded when the table is built. Keep it to pairs whose parts, written
// apart, are read as one word; a pair that also occurs as two words (سر کار) does not belong here.
struct Entry {
  std::string_view first;
  std::array<std::string_view, 6> seconds;
};
constexpr Entry kLexicon[] = {
    {"مدیر", {"کل", "کلی"}},
    {"مدیران", {"کل"}},
    {"معاون", {"کل"}},
    {"بازرس", {"کل"}},
    {"دادستان", {"کل"}},
    {"اداره", {"کل"}},
    {"ادارات", {"کل"}},
    {"روابط", {"عمومی"}},
    {"کار", {"آفرین", "آفرینی", "آفرینان", "آفرینها", "آفرینیها"}},
    {"مستمری", {"بگیر", "بگیران", "بگیری"}},
    {"حقوق", {"بگیر", "بگیران"}},
    {"یارانه", {"بگیر", "بگیران"}},
    {"بیمه", {"شده", "شدگان", "گذار", "گذاران", "گر"}},
    {"دانش", {"آموز", "آموزان", "آموزی", "بنیان"}},
    {"سرمایه", {"گذار", "گذاران", "گذاری", "گذاریها"}},
    {"بهره", {"برداری", "بردار", "برداران", "وری", "مند", "مندی"}},
    {"اطلاع", {"رسانی"}},
    {"آب", {"رسانی"}},
    {"برق", {"رسانی"}},
    {"خدمات", {"رسانی"}},
    {"راه", {"اندازی"}},
    {"زیر", {"ساخت", "ساختها", "ساختی"}},
    {"پیش", {"بینی", "بینیها"}},
    {"تصمیم", {"گیری", "گیریها"}},
    {"جمع", {"بندی"}},
    {"کم", {"برخوردار"}},
    {"توان", {"بخشی"}},
    {"شفاف", {"سازی"}},
};

struct Table {
  std::unordered_set<std::string> pairs;  // FoldChars(first) + '|' + FoldChars(second)
  std::vector<std::string> firsts;        // FoldChars(first), longest first
  Table() {
    for (const Entry& e : kLexicon) {
      const std::string f = FoldChars(e.first);
      bool any = false;
      for (std::string_view s : e.seconds) {
        if (s.empty()) continue;
        pairs.insert(f + "|" + FoldChars(s));
        any = true;
      }
      if (any && std::find(firsts.begin(), firsts.end(), f) == firsts.end()) firsts.push_back(f);
    }
    std::sort(firsts.begin(), firsts.end(), [](const std::string& a, const std::string& b) {
      return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
  }
};

const Table& GetTable() {
  static const Table table;
  return table;
}

bool Contains(const Table& t, std::string_view first_folded, std::string_view second_folded) {
  thread_local std::string key;
  key.assign(first_folded);
  key.push_back('|');
  key.append(second_folded);
  return t.pairs.contains(key);
}

}  // namespace

std::optional<std::string> JoinCompound(std::string_view first, std::string_view second) {
  if (first.empty() || second.empty()) return std::nullopt;
  if (first.find(kZwnj) != std::string_view::npos || second.find(kZwnj) != std::string_view::npos) {
    return std::nullopt;
  }
  if (!Contains(GetTable(), FoldChars(first), FoldChars(second))) return std::nullopt;
  std::string out(first);
  out.append(kZwnj);
  out.append(second);
  return out;
}

std::optional<std::string> SplitJoinedCompound(std::string_view word) {
  if (word.find(kZwnj) != std::string_view::npos) return std::nullopt;
  const Table& t = GetTable();
  const std::string folded = FoldChars(word);
  for (const std::string& f : t.firsts) {
    if (folded.size() <= f.size() || folded.compare(0, f.size(), f) != 0) continue;
    if (!Contains(t, f, std::string_view(folded).substr(f.size()))) continue;
    // The cut in the display word: after the characters whose fold is `f`, and after any mark
    // (folded away) that belongs to the last of them.
    size_t cut = 0;
    std::string prefix;
    while (cut < word.size() && prefix.size() < f.size()) {
      size_t len;
      const char32_t c = DecodeUtf8(word, cut, &len);
      const char32_t folded_c = FoldCodePoint(c);
      if (folded_c != 0) AppendUtf8(folded_c, &prefix);
      cut += len;
    }
    while (cut < word.size()) {
      size_t len;
      const char32_t c = DecodeUtf8(word, cut, &len);
      if (FoldCodePoint(c) != 0) break;
      cut += len;
    }
    if (prefix != f || cut >= word.size()) continue;
    std::string out(word.substr(0, cut));
    out.append(kZwnj);
    out.append(word.substr(cut));
    return out;
  }
  return std::nullopt;
}

}  // namespace pol::text
