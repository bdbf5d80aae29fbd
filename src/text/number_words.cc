#include "text/number_words.h"

#include <array>
#include <cstdio>

#include "text/internal/chars.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

constexpr std::array<std::string_view, 20> kUnder20 = {
    "صفر", "یک",    "دو",     "سه",    "چهار",   "پنج",    "شش",     "هفت",  "هشت",  "نه",
    "ده",  "یازده", "دوازده", "سیزده", "چهارده", "پانزده", "شانزده", "هفده", "هجده", "نوزده"};
constexpr std::array<std::string_view, 10> kTens = {"",      "",    "بیست",  "سی",    "چهل",
                                                    "پنجاه", "شصت", "هفتاد", "هشتاد", "نود"};
constexpr std::array<std::string_view, 10> kHundreds = {"",      "صد",   "دویست", "سیصد",  "چهارصد",
                                                        "پانصد", "ششصد", "هفتصد", "هشتصد", "نهصد"};
constexpr std::array<std::string_view, 7> kScales = {"",        "هزار",       "میلیون",    "میلیارد",
                                                     "تریلیون", "کوادریلیون", "کوینتیلیون"};

constexpr std::string_view kAnd = " و ";

std::string Under1000(int n) {
  std::string out;
  auto add = [&](std::string_view w) {
    if (!out.empty()) out += kAnd;
    out += w;
  };
  if (n >= 100) add(kHundreds[n / 100]);
  n %= 100;
  if (n >= 20) {
    add(kTens[n / 10]);
    if (n % 10) add(kUnder20[n % 10]);
  } else if (n > 0) {
    add(kUnder20[n]);
  }
  return out;
}

std::string Convert(std::string_view s, char32_t zero, bool (*is_digit)(char32_t), int (*value)(char32_t)) {
  std::string out;
  out.reserve(s.size() * 2);
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    if (is_digit(c)) {
      AppendUtf8(zero + static_cast<char32_t>(value(c)), &out);
    } else if (c == kReplacementChar && len == 1) {
      AppendUtf8(c, &out);
    } else {
      out.append(s.data() + i, len);
    }
    i += len;
  }
  return out;
}

}  // namespace

std::string PersianNumber(int64_t n) { return ToPersianDigits(std::to_string(n)); }

std::string PersianDecimal(double v, int fraction_digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", fraction_digits, v);
  std::string s = buf;
  if (auto dot = s.find('.'); dot != std::string::npos) s.replace(dot, 1, "٫");
  return ToPersianDigits(s);
}

std::string ToPersianDigits(std::string_view s) {
  return Convert(
      s, 0x06F0, [](char32_t c) { return internal::IsAsciiDigit(c) || internal::IsArabicIndicDigit(c); },
      [](char32_t c) { return internal::DigitValue(c); });
}

std::string ToLatinDigits(std::string_view s) {
  return Convert(
      s, '0', [](char32_t c) { return internal::IsPersianDigit(c) || internal::IsArabicIndicDigit(c); },
      [](char32_t c) { return internal::DigitValue(c); });
}

std::string NumberToWords(int64_t n) {
  if (n == 0) return std::string(kUnder20[0]);
  std::string out;
  uint64_t u;
  if (n < 0) {
    out = "منفی ";
    u = static_cast<uint64_t>(-(n + 1)) + 1;
  } else {
    u = static_cast<uint64_t>(n);
  }
  std::array<int, 7> groups{};
  int count = 0;
  while (u > 0) {
    groups[count++] = static_cast<int>(u % 1000);
    u /= 1000;
  }
  std::string words;
  for (int g = count - 1; g >= 0; --g) {
    if (groups[g] == 0) continue;
    if (!words.empty()) words += kAnd;
    if (g > 0 && groups[g] == 1 && g == 1) {
      words += kScales[g];  // هزار, not یک هزار
      continue;
    }
    words += Under1000(groups[g]);
    if (g > 0) {
      words += ' ';
      words += kScales[g];
    }
  }
  return out + words;
}

}  // namespace pol::text
