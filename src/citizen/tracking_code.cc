#include "citizen/tracking_code.h"

namespace pol::citizen {
namespace {

constexpr int kD[10][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
                            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
                            {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
                            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
                            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
constexpr int kP[8][10] = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
                           {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
                           {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
                           {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
constexpr int kInv[10] = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

// The digit value of one code point at s[i] (ASCII, Persian ۰-۹, Arabic-Indic ٠-٩); -1 otherwise.
int DigitAt(std::string_view s, size_t i, size_t* len) {
  const auto b = static_cast<unsigned char>(s[i]);
  *len = 1;
  if (b >= '0' && b <= '9') return b - '0';
  if (i + 1 < s.size()) {
    const auto b2 = static_cast<unsigned char>(s[i + 1]);
    *len = 2;
    if (b == 0xDB && b2 >= 0xB0 && b2 <= 0xB9) return b2 - 0xB0;  // U+06F0..U+06F9
    if (b == 0xD9 && b2 >= 0xA0 && b2 <= 0xA9) return b2 - 0xA0;  // U+0660..U+0669
  }
  *len = 1;
  return -1;
}

}  // namespace

int VerhoeffCheckDigit(std::string_view digits) {
  int c = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    const int d = digits[digits.size() - 1 - i] - '0';
    c = kD[c][kP[(i + 1) % 8][d]];
  }
  return kInv[c];
}

bool VerhoeffValid(std::string_view digits) {
  int c = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    const char ch = digits[digits.size() - 1 - i];
    if (ch < '0' || ch > '9') return false;
    c = kD[c][kP[i % 8][ch - '0']];
  }
  return !digits.empty() && c == 0;
}

std::string NewTrackingCode(Env* env) {
  std::string code;
  // Rejection sampling keeps every digit uniform.
  while (code.size() < kTrackingCodeDigits - 1) {
    for (unsigned char b : env->RandomBytes(16)) {
      if (b >= 250) continue;
      const char d = static_cast<char>('0' + b % 10);
      if (code.empty() && d == '0') continue;
      code.push_back(d);
      if (code.size() == kTrackingCodeDigits - 1) break;
    }
  }
  code.push_back(static_cast<char>('0' + VerhoeffCheckDigit(code)));
  return code;
}

std::optional<std::string> NormalizeTrackingCode(std::string_view input) {
  std::string digits;
  for (size_t i = 0; i < input.size();) {
    size_t len = 1;
    const int d = DigitAt(input, i, &len);
    if (d >= 0) {
      digits.push_back(static_cast<char>('0' + d));
    } else if (input[i] != ' ' && input[i] != '-' && input[i] != '\t') {
      return std::nullopt;
    }
    i += len;
    if (digits.size() > kTrackingCodeDigits) return std::nullopt;
  }
  if (digits.size() != kTrackingCodeDigits || digits[0] == '0' || !VerhoeffValid(digits)) return std::nullopt;
  return digits;
}

std::string DisplayTrackingCode(std::string_view code) {
  static const char* kFa[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i == 4 || i == 7) out.push_back(' ');
    const char c = code[i];
    if (c >= '0' && c <= '9') out += kFa[c - '0'];
  }
  return out;
}

}  // namespace pol::citizen
