#include "text/identifiers.h"

#include "text/internal/chars.h"
#include "text/utf8.h"

namespace pol::text {
namespace {

// Latin digits of `s`, or nullopt if it holds anything but digits, spaces
// and the separators people type ( - . ( ) ), plus an optional leading '+'.
std::optional<std::string> DigitsOnly(std::string_view s, bool* plus) {
  std::string d;
  *plus = false;
  for (size_t i = 0; i < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, i, &len);
    i += len;
    int v = internal::DigitValue(c);
    if (v >= 0) {
      d.push_back(static_cast<char>('0' + v));
    } else if (c == '+' && d.empty() && !*plus) {
      *plus = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == 0xA0 || c == 0x200C ||
               c == 0x200E || c == 0x200F || c == 0x202A || c == 0x202C || c == '\t' || c == 0x2212) {
      continue;
    } else {
      return std::nullopt;
    }
    if (d.size() > 20) return std::nullopt;
  }
  return d;
}

}  // namespace

std::optional<std::string> NormalizeIranianMobile(std::string_view input) {
  bool plus;
  auto d = DigitsOnly(input, &plus);
  if (!d) return std::nullopt;
  std::string_view v = *d;
  if (plus) {
    if (v.substr(0, 2) != "98") return std::nullopt;
    v.remove_prefix(2);
  } else if (v.substr(0, 4) == "0098") {
    v.remove_prefix(4);
  } else if (v.size() == 12 && v.substr(0, 2) == "98") {
    v.remove_prefix(2);
  } else if (v.size() == 11 && v[0] == '0') {
    v.remove_prefix(1);
  }
  if (v.size() != 10 || v[0] != '9') return std::nullopt;
  std::string out(1, '0');
  out.append(v);
  return out;
}

std::optional<std::string> NormalizeNationalCode(std::string_view input) {
  bool plus;
  auto d = DigitsOnly(input, &plus);
  if (!d || plus || d->size() < 8 || d->size() > 10) return std::nullopt;
  std::string code(10 - d->size(), '0');
  code.append(*d);
  if (code.find_first_not_of(code[0]) == std::string::npos) return std::nullopt;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (code[i] - '0') * (10 - i);
  int r = sum % 11;
  int check = code[9] - '0';
  bool ok = r < 2 ? check == r : check == 11 - r;
  if (!ok) return std::nullopt;
  return code;
}

bool IsValidNationalCode(std::string_view input) { return NormalizeNationalCode(input).has_value(); }

}  // namespace pol::text
