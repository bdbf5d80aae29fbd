#include "accounts/validate.h"

#include <algorithm>
#include <cctype>

#include "text/identifiers.h"
#include "text/normalize.h"
#include "text/number_words.h"

namespace pol::accounts {
namespace {

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

}  // namespace

StatusOr<std::string> NormalizeUsername(std::string_view in) {
  std::string u = Lower(Trim(text::ToLatinDigits(in)));
  bool ok = u.size() >= 3 && u.size() <= 32 && std::all_of(u.begin(), u.end(), [](char c) {
              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            });
  if (!ok) {
    return InvalidArgument(
        "invalid_username",
        "نام کاربری باید ۳ تا ۳۲ نویسه از حروف لاتین کوچک، رقم، نقطه، خط تیره یا زیرخط باشد.", "username");
  }
  // A mobile-shaped identifier is looked up as a mobile (LoginKindOf): as a username it would shadow
  // another user's number.
  if (text::NormalizeIranianMobile(u)) {
    return InvalidArgument("username_is_mobile",
                           "نام کاربری نباید شمارهٔ همراه باشد؛ شماره را در بخش «شمارهٔ همراه» وارد کنید.",
                           "username");
  }
  return u;
}

StatusOr<std::string> NormalizeName(std::string_view in, const char* field) {
  std::string n = text::NormalizeDisplay(in);
  size_t len = CodePoints(n);
  if (len < 2 || len > 100)
    return InvalidArgument("invalid_name", "نام باید بین ۲ تا ۱۰۰ نویسه باشد.", field);
  if (n.find_first_of("<>") != std::string::npos) {
    return InvalidArgument("invalid_name",
                           "نام نباید نشانه‌های < یا > داشته باشد.", field);
  }
  return n;
}

StatusOr<std::optional<std::string>> NormalizeMobileField(std::string_view in) {
  if (Trim(in).empty()) return std::optional<std::string>();
  auto mobile = text::NormalizeIranianMobile(in);
  if (!mobile) {
    return InvalidArgument("invalid_mobile", "شمارهٔ همراه معتبر نیست؛ مانند ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
                           "mobile");
  }
  return std::optional<std::string>(*mobile);
}

StatusOr<std::optional<std::string>> NormalizeEmailField(std::string_view in) {
  std::string e = Lower(Trim(in));
  if (e.empty()) return std::optional<std::string>();
  size_t at = e.find('@');
  bool ok = e.size() <= 254 && at != std::string::npos && at > 0 &&
            e.find('@', at + 1) == std::string::npos && e.find('.', at) != std::string::npos &&
            e.back() != '.' && std::all_of(e.begin(), e.end(), [](unsigned char c) {
              return c > 32 && c < 127 && c != '<' && c != '>';
            });
  if (!ok) return InvalidArgument("invalid_email", "نشانی رایانامه معتبر نیست.", "email");
  return std::optional<std::string>(e);
}

std::string NormalizeLogin(std::string_view in) {
  std::string s = Trim(in);
  if (auto mobile = text::NormalizeIranianMobile(s)) return *mobile;
  return Lower(Trim(text::ToLatinDigits(s)));
}

LoginKind LoginKindOf(std::string_view login) {
  if (text::NormalizeIranianMobile(login)) return LoginKind::kMobile;
  if (login.find('@') != std::string_view::npos) return LoginKind::kEmail;
  return LoginKind::kUsername;
}

StatusOr<std::string> NormalizeSlug(std::string_view in) {
  std::string s = Lower(Trim(in));
  bool ok = s.size() >= 2 && s.size() <= 40 && s.front() != '-' && s.back() != '-' &&
            std::all_of(s.begin(), s.end(),
                        [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
  if (!ok) {
    return InvalidArgument("invalid_slug",
                           "شناسهٔ نشانی باید ۲ تا ۴۰ نویسه از حروف لاتین کوچک، رقم یا خط تیره باشد.", "slug");
  }
  return s;
}

StatusOr<std::string> NormalizeText(std::string_view in, size_t max_chars, const char* field, bool required) {
  std::string t = text::NormalizeDisplay(in);
  if (required && t.empty()) return InvalidArgument("required", "این بخش نباید خالی باشد.", field);
  if (CodePoints(t) > max_chars) {
    return InvalidArgument(
        "too_long",
        "متن بیش از اندازهٔ مجاز (" + text::PersianNumber(static_cast<int64_t>(max_chars)) + " نویسه) است.",
        field);
  }
  return t;
}

}  // namespace pol::accounts
