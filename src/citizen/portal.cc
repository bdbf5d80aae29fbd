#include "citizen/portal.h"

#include <sodium.h>

#include <algorithm>
#include <charconv>

#include "base/hex.h"
#include "citizen/tracking_code.h"
#include "site/dates.h"
#include "store/throttle_repo.h"
#include "text/html_escape.h"
#include "text/identifiers.h"
#include "text/number_words.h"

namespace pol::citizen {
namespace {

using text::EscapeHtml;

constexpr int64_t kChallengeTtl = 10 * 60 * 1000;
constexpr int64_t kCookieTtl = 60 * 60 * 1000;

constexpr const char* kCss =
    "*{box-sizing:border-box}"
    "body{margin:0;font:16px/1.9 Vazirmatn,Tahoma,sans-serif;color:#1d2430;background:#f5f6f8}"
    "a{color:#0b5cad}header,footer{background:#123a63;color:#fff;padding:.6rem 1rem}"
    "header a,footer a{color:#fff;text-decoration:none}nav a{margin-inline-start:.9rem}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.3rem;margin:.2rem 0 .8rem}"
    "form,.box{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem}"
    "label{display:block;font-weight:600;margin:.6rem 0 .2rem}"
    "input,select,textarea,button{font:inherit;width:100%;padding:.45rem .6rem;border:1px solid #b9c2ce;"
    "border-radius:.35rem;background:#fff}"
    "textarea{min-height:9rem}button{background:#0b5cad;color:#fff;border:0;margin-top:1rem;font-weight:600}"
    "button.link{background:none;color:#0b5cad;width:auto;padding:0;margin:0}"
    ".hint{color:#5f6875;font-size:.85rem;margin:.1rem 0}"
    ".error{background:#fdecea;border-inline-start:4px solid #c62828;padding:.6rem .8rem;margin:0 0 1rem}"
    ".ok{background:#e8f5e9;border-inline-start:4px solid #2e7d32;padding:.6rem .8rem;margin:0 0 1rem}"
    ".code{font-size:1.6rem;font-weight:700;letter-spacing:.08em;direction:ltr;unicode-bidi:isolate}"
    ".types{display:flex;flex-wrap:wrap;gap:.3rem .9rem}.types label{font-weight:400;display:flex;gap:.3rem;"
    "align-items:center;margin:0}.types input{width:auto}"
    "ol.events{list-style:none;padding:0;margin:0}ol.events li{background:#fff;border-radius:.5rem;"
    "padding:.6rem .8rem;margin:0 0 .6rem;border-inline-start:4px solid #b9c2ce}"
    "ol.events li.replied{border-color:#2e7d32}ol.events li.closed{border-color:#123a63}"
    ".meta{color:#5f6875;font-size:.85rem}dl{margin:0}dt{font-weight:600}dd{margin:0 0 .4rem}"
    ".stars{display:flex;gap:.8rem}.stars label{font-weight:400;display:flex;gap:.2rem}.stars input{width:auto}";

std::string Num(int64_t n) { return site::PersianDigits(std::to_string(n)); }

std::string Radio(const char* name, const std::string& value, const std::string& label, bool checked) {
  return "<label><input type=\"radio\" name=\"" + std::string(name) + "\" value=\"" + EscapeHtml(value) +
         "\"" + (checked ? " checked" : "") + ">" + EscapeHtml(label) + "</label>";
}

// Every field's error at once (what a person fixes in one go), in the form's order; the request service
// stays the authority (it checks again, and also the attachments and the agency).
std::vector<std::string> FieldErrors(const Form& f) {
  std::vector<std::string> out;
  auto blank = [&](const char* name) {
    const std::string v = f.Get(name);
    return std::all_of(v.begin(), v.end(),
                       [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
  };
  if (!IsRequestType(f.Get("type"))) out.push_back("نوع درخواست را انتخاب کنید.");
  if (blank("subject")) out.push_back("موضوع را بنویسید.");
  if (blank("text")) out.push_back("متن درخواست را بنویسید.");
  if (blank("name")) out.push_back("نام و نام خانوادگی را بنویسید.");
  if (!text::NormalizeIranianMobile(f.Get("mobile"))) {
    out.push_back("شمارهٔ همراه معتبر نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹ بنویسید.");
  }
  if (!blank("national_code") && !text::NormalizeNationalCode(f.Get("national_code"))) {
    out.push_back("کد ملی درست نیست؛ ده رقم آن را دوباره بررسی کنید.");
  }
  return out;
}

std::string EventClass(const std::string& kind) {
  return kind == "replied" || kind == "closed" ? kind : "other";
}

}  // namespace

Portal::Portal(RequestService* service, Env* env, PortalOptions options)
    : service_(service),
      env_(env),
      options_(std::move(options)),
      key_(options_.key.size() == crypto_auth_KEYBYTES ? options_.key
                                                       : env->RandomBytes(crypto_auth_KEYBYTES)) {}

std::string Portal::Mac(const std::string& data) const {
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(data.data()), data.size(),
              reinterpret_cast<const unsigned char*>(key_.data()));
  // 128 bits are plenty for a short-lived token.
  return HexEncode(std::string_view(reinterpret_cast<const char*>(mac), 16));
}

Portal::Challenge Portal::NewChallenge() {
  std::string r = env_->RandomBytes(3);
  const int a = 2 + static_cast<unsigned char>(r[0]) % 8, b = 1 + static_cast<unsigned char>(r[1]) % 9;
  const bool plus = static_cast<unsigned char>(r[2]) % 2 == 0 || a <= b;
  const int answer = plus ? a + b : a - b;
  const std::string nonce = RandomHex(env_, 8), expiry = std::to_string(env_->NowMillis() + kChallengeTtl);
  Challenge c;
  c.question = "حاصل «" + text::NumberToWords(a) + (plus ? " به‌علاوهٔ " : " منهای ") +
               text::NumberToWords(b) + "» چند می‌شود؟ (با رقم بنویسید)";
  c.token =
      nonce + "." + expiry + "." + Mac("challenge|" + nonce + "|" + expiry + "|" + std::to_string(answer));
  return c;
}

bool Portal::CheckChallenge(const std::string& token, const std::string& answer_in) {
  size_t d1 = token.find('.'), d2 = token.find('.', d1 == std::string::npos ? 0 : d1 + 1);
  if (d1 == std::string::npos || d2 == std::string::npos) return false;
  const std::string nonce = token.substr(0, d1), expiry_s = token.substr(d1 + 1, d2 - d1 - 1),
                    mac = token.substr(d2 + 1);
  int64_t expiry = 0;
  auto [p, ec] = std::from_chars(expiry_s.data(), expiry_s.data() + expiry_s.size(), expiry);
  const int64_t now = env_->NowMillis();
  // A token's expiry is not authenticated until the answer is checked: one further ahead than a fresh
  // token's could only fill the used-token set, so it is refused.
  if (ec != std::errc() || expiry < now || expiry > now + kChallengeTtl) return false;
  // Spent on every attempt, right or wrong: a wrong answer cannot be followed by another guess.
  if (!Spend(nonce, expiry, now)) return false;
  std::string answer = text::ToLatinDigits(answer_in);
  answer.erase(std::remove(answer.begin(), answer.end(), ' '), answer.end());
  int value = 0;
  auto [p2, ec2] = std::from_chars(answer.data(), answer.data() + answer.size(), value);
  if (ec2 != std::errc() || p2 != answer.data() + answer.size()) return false;
  const std::string want = Mac("challenge|" + nonce + "|" + expiry_s + "|" + std::to_string(value));
  return want.size() == mac.size() && sodium_memcmp(want.data(), mac.data(), want.size()) == 0;
}

bool Portal::Spend(const std::string& nonce, int64_t expiry, int64_t now) {
  if (options_.shared_tokens) {
    // Refused when the database cannot say: the submission could not be stored anyway.
    auto first = store::SpendToken(*options_.shared_tokens, "challenge:" + nonce, expiry);
    return first.ok() && *first;
  }
  MutexLock lock(&mu_);
  if (used_tokens_.size() > 100000) {
    for (auto it = used_tokens_.begin(); it != used_tokens_.end();)
      it = it->second < now ? used_tokens_.erase(it) : ++it;
  }
  return used_tokens_.emplace(nonce, expiry).second;  // single use
}

std::string Portal::TrackCookie(const std::string& code) {
  const std::string expiry = std::to_string(env_->NowMillis() + kCookieTtl);
  return "pol_track=" + code + "." + expiry + "." + Mac("track|" + code + "|" + expiry) +
         "; Path=/citizen; Max-Age=3600; HttpOnly; SameSite=Strict" +
         (options_.secure_cookies ? "; Secure" : "");
}

bool Portal::CookieAllows(const std::string& cookie_value, const std::string& code_in) {
  auto code = NormalizeTrackingCode(code_in);
  if (!code) return false;
  size_t d1 = cookie_value.find('.'), d2 = cookie_value.find('.', d1 == std::string::npos ? 0 : d1 + 1);
  if (d1 == std::string::npos || d2 == std::string::npos) return false;
  if (cookie_value.substr(0, d1) != *code) return false;
  const std::string expiry_s = cookie_value.substr(d1 + 1, d2 - d1 - 1), mac = cookie_value.substr(d2 + 1);
  int64_t expiry = 0;
  auto [p, ec] = std::from_chars(expiry_s.data(), expiry_s.data() + expiry_s.size(), expiry);
  if (ec != std::errc() || expiry < env_->NowMillis()) return false;
  const std::string want = Mac("track|" + *code + "|" + expiry_s);
  return want.size() == mac.size() && sodium_memcmp(want.data(), mac.data(), want.size()) == 0;
}

PortalPage Portal::Render(int status, const std::string& title, const std::string& main) {
  PortalPage p;
  p.status = status;
  std::string& out = p.body;
  out.reserve(main.size() + 3000);
  out +=
      "<!doctype html>\n<html lang=\"fa\" dir=\"rtl\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>";
  text::AppendEscapedHtml(&out, title);
  out += " — ارتباط مردم با شورا</title>\n<style>";
  if (!options_.font_path.empty()) {
    out += "@font-face{font-family:Vazirmatn;src:url(" + options_.font_path +
           ") format(\"woff2\");font-weight:100 900;font-display:swap}";
  }
  out += kCss;
  out +=
      "</style>\n</head>\n<body>\n<header><a href=\"/\">شورای هماهنگی دستگاه‌ها</a><nav>"
      "<a href=\"/citizen\">درخواست تازه</a><a href=\"/citizen/track\">پیگیری</a></nav></header>\n<main>\n";
  out += main;
  out +=
      "</main>\n<footer>پاسخگویی به مردم · <a href=\"/citizen/track\">پیگیری درخواست</a></footer>\n</body>\n</html>\n";
  return p;
}

PortalPage Portal::FormPage() { return FormWith(Form{}, Status::Ok()); }

PortalPage Portal::FormWith(const Form& v, const Status& error) {
  std::string m = "<h1>پرسش، شکایت، پیشنهاد</h1>\n";
  if (!error.ok()) {
    // Several errors come as lines of one message (Submit): a list, so all are fixed in one go.
    const std::string& msg = error.message();
    if (msg.find('\n') == std::string::npos) {
      m += "<p class=\"error\" role=\"alert\">" + EscapeHtml(msg) + "</p>\n";
    } else {
      m += "<div class=\"error\" role=\"alert\"><p>لطفاً این موارد را درست کنید:</p><ul>";
      size_t i = 0;
      while (i < msg.size()) {
        size_t j = msg.find('\n', i);
        if (j == std::string::npos) j = msg.size();
        m += "<li>" + EscapeHtml(msg.substr(i, j - i)) + "</li>";
        i = j + 1;
      }
      m += "</ul></div>\n";
    }
  }
  m += "<form method=\"post\" action=\"/citizen/requests\" enctype=\"multipart/form-data\">\n";
  m +=
      "<fieldset style=\"border:0;padding:0;margin:0\"><legend style=\"font-weight:600\">نوع درخواست</legend><div class=\"types\">";
  const std::string type = v.Get("type").empty() ? "question" : v.Get("type");
  for (const auto& t : RequestTypes()) m += Radio("type", t.code, t.name, type == t.code);
  m += "</div></fieldset>\n";
  m +=
      "<label for=\"subject\">موضوع</label><input id=\"subject\" name=\"subject\" maxlength=\"200\" required value=\"" +
      EscapeHtml(v.Get("subject")) + "\">\n";
  m += "<label for=\"text\">متن</label><textarea id=\"text\" name=\"text\" maxlength=\"5000\" required>" +
       EscapeHtml(v.Get("text")) + "</textarea>\n<p class=\"hint\">حداکثر ۵۰۰۰ نویسه.</p>\n";
  m += "<label for=\"agency\">دستگاه مربوط</label><select id=\"agency\" name=\"agency\">"
       "<option value=\"unknown\">نمی‌دانم (شورا ارجاع می‌دهد)</option>";
  auto agencies = service_->PublicAgencies();
  if (agencies.ok()) {
    for (const auto& a : *agencies) {
      m += "<option value=\"" + EscapeHtml(a.slug) + "\"" + (v.Get("agency") == a.slug ? " selected" : "") +
           ">" + EscapeHtml(a.short_name.empty() ? a.name : a.short_name) + "</option>";
    }
  }
  m += "</select>\n";
  m +=
      "<label for=\"attachments\">پیوست (اختیاری)</label><input id=\"attachments\" type=\"file\" name=\"attachments\" "
      "multiple accept=\"image/jpeg,image/png,image/webp,application/pdf\">\n"
      "<p class=\"hint\">تا ۳ پرونده، عکس یا PDF، هر کدام تا ۶۰۰ کیلوبایت.</p>\n";
  m +=
      "<label for=\"name\">نام و نام خانوادگی</label><input id=\"name\" name=\"name\" maxlength=\"100\" required "
      "autocomplete=\"name\" value=\"" +
      EscapeHtml(v.Get("name")) + "\">\n";
  m +=
      "<label for=\"mobile\">شمارهٔ همراه</label><input id=\"mobile\" name=\"mobile\" inputmode=\"tel\" required "
      "autocomplete=\"tel\" dir=\"ltr\" value=\"" +
      EscapeHtml(v.Get("mobile")) +
      "\">\n<p class=\"hint\">کد تأیید به این شماره پیامک می‌شود.</p>\n";
  m +=
      "<label for=\"national_code\">کد ملی (اختیاری)</label><input id=\"national_code\" name=\"national_code\" "
      "inputmode=\"numeric\" dir=\"ltr\" value=\"" +
      EscapeHtml(v.Get("national_code")) + "\">\n";
  if (options_.challenge && !v.Get("challenge_pass").empty()) {
    // Answered correctly on the failed attempt: a single-use pass instead of a new question.
    m +=
        "<p class=\"hint\">پرسش امنیتی را درست پاسخ داده‌اید.</p><input type=\"hidden\" name=\"challenge_pass\" "
        "value=\"" +
        EscapeHtml(v.Get("challenge_pass")) + "\">\n";
  } else if (options_.challenge) {
    Challenge c = NewChallenge();
    m +=
        "<label for=\"challenge\">" + EscapeHtml(c.question) +
        "</label><input id=\"challenge\" name=\"challenge\" "
        "inputmode=\"numeric\" required autocomplete=\"off\" dir=\"ltr\"><input type=\"hidden\" name=\"challenge_token\" "
        "value=\"" +
        EscapeHtml(c.token) + "\">\n";
  }
  m += "<button type=\"submit\">ثبت درخواست</button>\n</form>\n";
  return Render(error.ok() ? 200 : HttpStatusOf(error), "ثبت درخواست", m);
}

int HttpStatusOf(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

PortalPage Portal::Submit(std::string_view content_type, std::string_view body, const std::string& ip) {
  auto form = ParseForm(content_type, body);
  if (!form.ok()) return FormWith(Form{}, form.status());
  // The challenge: a fresh answer, or the pass a correct answer earned on an attempt that failed on other
  // fields (single use, like a challenge: one solved question still buys at most one submission).
  auto new_pass = [&] {
    const std::string nonce = RandomHex(env_, 8), expiry = std::to_string(env_->NowMillis() + kChallengeTtl);
    return nonce + "." + expiry + "." + Mac("pass|" + nonce + "|" + expiry);
  };
  auto spend_pass = [&](const std::string& token) {
    size_t d1 = token.find('.'), d2 = token.find('.', d1 == std::string::npos ? 0 : d1 + 1);
    if (d1 == std::string::npos || d2 == std::string::npos) return false;
    const std::string nonce = token.substr(0, d1), expiry_s = token.substr(d1 + 1, d2 - d1 - 1);
    int64_t expiry = 0;
    auto [p, ec] = std::from_chars(expiry_s.data(), expiry_s.data() + expiry_s.size(), expiry);
    const int64_t now = env_->NowMillis();
    if (ec != std::errc() || expiry < now || expiry > now + kChallengeTtl) return false;
    const std::string want = Mac("pass|" + nonce + "|" + expiry_s), mac = token.substr(d2 + 1);
    if (want.size() != mac.size() || sodium_memcmp(want.data(), mac.data(), want.size()) != 0) return false;
    return Spend("pass." + nonce, expiry, now);
  };
  bool passed = true;
  if (options_.challenge) {
    const std::string pass = form->Get("challenge_pass");
    passed = pass.empty() ? CheckChallenge(form->Get("challenge_token"), form->Get("challenge"))
                          : spend_pass(pass);
  }
  Form shown = *form;
  shown.fields.erase("challenge_pass");
  auto fail = [&](const Status& error) {
    if (options_.challenge && passed) shown.fields["challenge_pass"] = new_pass();
    return FormWith(shown, error);
  };
  std::vector<std::string> errors = FieldErrors(*form);
  if (!passed) errors.push_back("پاسخ پرسش امنیتی درست نبود؛ پرسش تازه را پاسخ دهید.");
  if (!errors.empty()) {
    std::string all;
    for (const auto& e : errors) all += (all.empty() ? "" : "\n") + e;
    return fail(
        InvalidArgument(passed ? "invalid_form" : "challenge_failed", all, passed ? "" : "challenge"));
  }
  SubmitInput in{.type = form->Get("type"),
                 .subject = form->Get("subject"),
                 .text = form->Get("text"),
                 .agency = form->Get("agency"),
                 .name = form->Get("name"),
                 .mobile = form->Get("mobile"),
                 .national_code = form->Get("national_code"),
                 .files = form->files,
                 .ip = ip};
  auto res = service_->Submit(in);
  if (!res.ok()) return fail(res.status());
  PortalPage p;
  p.status = 303;
  p.location = "/citizen/verify?code=" + res->tracking_code;
  return p;
}

PortalPage Portal::VerifyPage(const std::string& code_in, const std::string& message) {
  auto code = NormalizeTrackingCode(code_in);
  if (!code) return TrackPage("کد رهگیری درست نیست.", 404);
  std::string m = "<h1>تأیید شمارهٔ همراه</h1>\n";
  if (!message.empty()) m += "<p class=\"error\" role=\"alert\">" + EscapeHtml(message) + "</p>\n";
  m +=
      "<div class=\"box\"><p>درخواست شما ثبت شد. کد رهگیری:</p><p class=\"code\" id=\"tracking-code\">" +
      EscapeHtml(DisplayTrackingCode(*code)) +
      "</p><p class=\"hint\">این کد را یادداشت کنید. کار روی درخواست پس از تأیید شمارهٔ همراه آغاز می‌شود.</p></div>\n";
  m +=
      "<form method=\"post\" action=\"/citizen/verify\"><input type=\"hidden\" name=\"tracking_code\" value=\"" +
      EscapeHtml(*code) +
      "\"><label for=\"otp\">کد تأییدی که پیامک شد</label><input id=\"otp\" name=\"code\" inputmode=\"numeric\" "
      "autocomplete=\"one-time-code\" dir=\"ltr\" required><button type=\"submit\">تأیید</button></form>\n";
  m +=
      "<form method=\"post\" action=\"/citizen/verify\"><input type=\"hidden\" name=\"tracking_code\" value=\"" +
      EscapeHtml(*code) +
      "\"><input type=\"hidden\" name=\"resend\" value=\"1\">"
      "<button class=\"link\" type=\"submit\">کد نرسید؟ فرستادن دوباره</button></form>\n";
  return Render(message.empty() ? 200 : 400, "تأیید شمارهٔ همراه", m);
}

PortalPage Portal::Verify(std::string_view content_type, std::string_view body, const std::string& ip) {
  auto form = ParseForm(content_type, body);
  if (!form.ok()) return TrackPage(form.status().message(), 400);
  const std::string code = form->Get("tracking_code");
  if (form->Get("resend") == "1") {
    Status s = service_->ResendCode(code, ip);
    if (!s.ok()) return VerifyPage(code, s.message());
    PortalPage p = VerifyPage(code);
    p.body.insert(p.body.find("<h1>"),
                  "<p class=\"ok\" role=\"status\">اگر درخواست منتظر تأیید باشد، کد تازه پیامک شد.</p>\n");
    return p;
  }
  auto r = service_->Verify(code, form->Get("code"), ip);
  if (!r.ok()) {
    PortalPage p = VerifyPage(code, r.status().message());
    p.status = HttpStatusOf(r.status());
    return p;
  }
  PortalPage p;
  p.status = 303;
  p.location = "/citizen/requests/" + r->tracking_code;
  p.set_cookies.push_back(TrackCookie(r->tracking_code));
  return p;
}

PortalPage Portal::TrackPage(const std::string& message, int status) {
  std::string m = "<h1>پیگیری درخواست</h1>\n";
  if (!message.empty()) m += "<p class=\"error\" role=\"alert\">" + EscapeHtml(message) + "</p>\n";
  m += "<form method=\"post\" action=\"/citizen/track\"><label for=\"tracking_code\">کد رهگیری</label>"
       "<input id=\"tracking_code\" name=\"tracking_code\" inputmode=\"numeric\" dir=\"ltr\" required>"
       "<label for=\"mobile\">شمارهٔ همراهی که با آن ثبت کردید</label><input id=\"mobile\" name=\"mobile\" "
       "inputmode=\"tel\" dir=\"ltr\" required><button type=\"submit\">نمایش وضعیت</button></form>\n";
  return Render(status, "پیگیری درخواست", m);
}

PortalPage Portal::Track(std::string_view content_type, std::string_view body, const std::string& ip) {
  auto form = ParseForm(content_type, body);
  if (!form.ok()) return TrackPage(form.status().message(), 400);
  auto v = service_->Lookup(form->Get("tracking_code"), form->Get("mobile"), ip);
  if (!v.ok()) {
    // The fields keep what was typed, so a typo is fixed rather than typed again.
    PortalPage p = TrackPage(v.status().message(), HttpStatusOf(v.status()));
    for (const char* field : {"tracking_code", "mobile"}) {
      const std::string attr = std::string("name=\"") + field + "\"";
      size_t at = p.body.find(attr);
      if (at != std::string::npos) {
        p.body.insert(at + attr.size(), " value=\"" + EscapeHtml(form->Get(field)) + "\"");
      }
    }
    return p;
  }
  PortalPage p;
  p.status = 303;
  p.location = "/citizen/requests/" + v->request.tracking_code;
  p.set_cookies.push_back(TrackCookie(v->request.tracking_code));
  return p;
}

namespace {
std::string CookieValue(const std::string& header, const std::string& name) {
  size_t i = 0;
  while (i < header.size()) {
    while (i < header.size() && (header[i] == ' ' || header[i] == ';')) ++i;
    size_t end = header.find(';', i);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(i, end - i);
    if (part.starts_with(name + "=")) return part.substr(name.size() + 1);
    i = end + 1;
  }
  return "";
}
}  // namespace

PortalPage Portal::StatusPage(const std::string& code, const std::string& cookie_header) {
  if (!CookieAllows(CookieValue(cookie_header, "pol_track"), code)) {
    return TrackPage("برای دیدن وضعیت، کد رهگیری و شمارهٔ همراه را وارد کنید.", 200);
  }
  auto v = service_->ViewByCode(code);
  if (!v.ok()) return TrackPage(v.status().message(), 404);
  const auto& r = v->request;
  std::string m = "<h1>وضعیت درخواست</h1>\n<div class=\"box\"><dl>";
  m += "<dt>کد رهگیری</dt><dd class=\"code\">" + EscapeHtml(DisplayTrackingCode(r.tracking_code)) + "</dd>";
  m += "<dt>موضوع</dt><dd>" + EscapeHtml(r.subject) + " <span class=\"meta\">(" +
       EscapeHtml(TypeName(r.type)) + ")</span></dd>";
  m += "<dt>وضعیت</dt><dd id=\"state\" data-state=\"" + EscapeHtml(r.state) + "\">" +
       EscapeHtml(StateName(r.state)) + "</dd>";
  m += "<dt>دستگاه رسیدگی‌کننده</dt><dd id=\"agency\">" +
       EscapeHtml(r.agency_name.empty() ? "دبیرخانهٔ شورا" : r.agency_name) + "</dd>";
  if (r.resolve_due && (r.state == "open" || r.state == "triage" || r.state == "answered")) {
    m += "<dt>مهلت رسیدگی</dt><dd>" + EscapeHtml(site::PersianDate(*r.resolve_due)) + "</dd>";
  }
  m += "<dt>ثبت</dt><dd>" + EscapeHtml(site::PersianDateTime(r.created_at)) + "</dd></dl></div>\n";
  if (r.state == "unverified") {
    m += "<p class=\"error\">شمارهٔ همراه هنوز تأیید نشده است. <a href=\"/citizen/verify?code=" +
         EscapeHtml(r.tracking_code) + "\">تأیید شماره</a></p>\n";
  }
  m += "<h2 style=\"font-size:1.1rem\">روند رسیدگی</h2>\n<ol class=\"events\">";
  for (const auto& e : v->events) {
    m += "<li class=\"" + EventClass(e.kind) + "\"><p class=\"meta\">" +
         EscapeHtml(site::PersianDateTime(e.at));
    if (e.kind == "replied") m += " · پاسخ " + EscapeHtml(e.actor_name);
    m += "</p><p style=\"margin:0;white-space:pre-line\">" + EscapeHtml(e.body) + "</p></li>";
  }
  m += "</ol>\n";
  if (v->can_rate) {
    m += "<form method=\"post\" action=\"/citizen/requests/" + EscapeHtml(r.tracking_code) +
         "/rate\"><fieldset style=\"border:0;padding:0;margin:0\"><legend style=\"font-weight:600\">"
         "از رسیدگی چقدر راضی بودید؟</legend><div class=\"stars\">";
    // Nothing pre-selected (a default would inflate every satisfaction figure); one choice is required.
    for (int s = 1; s <= 5; ++s) {
      std::string radio = Radio("score", std::to_string(s), Num(s), false);
      if (s == 1) radio.replace(radio.find("<input "), 7, "<input required ");
      m += radio;
    }
    m +=
        "</div></fieldset><label for=\"comment\">توضیح (اختیاری)</label><textarea id=\"comment\" name=\"comment\" "
        "maxlength=\"1000\" style=\"min-height:4rem\"></textarea><button type=\"submit\">ثبت نظر</button></form>\n";
  } else if (r.csat) {
    m += "<p class=\"ok\">نظر شما ثبت شده است: " + Num(*r.csat) + " از ۵.</p>\n";
  }
  if (v->can_reopen) {
    m +=
        "<form method=\"post\" action=\"/citizen/requests/" + EscapeHtml(r.tracking_code) +
        "/reopen\"><label for=\"reason\">مشکل حل نشد؟ (تا " + EscapeHtml(site::PersianDate(v->reopen_until)) +
        ")</label><textarea id=\"reason\" name=\"reason\" maxlength=\"2000\" required style=\"min-height:4rem\">"
        "</textarea><button type=\"submit\">حل نشد؛ دوباره بررسی شود</button></form>\n";
  }
  return Render(200, "وضعیت درخواست", m);
}

PortalPage Portal::Rate(const std::string& code, const std::string& cookie_header,
                        std::string_view content_type, std::string_view body, const std::string& ip) {
  if (!CookieAllows(CookieValue(cookie_header, "pol_track"), code)) {
    return TrackPage("برای ثبت نظر، نخست کد رهگیری و شمارهٔ همراه را وارد کنید.", 403);
  }
  auto form = ParseForm(content_type, body);
  if (!form.ok()) return TrackPage(form.status().message(), 400);
  int64_t score = 0;
  const std::string s = text::ToLatinDigits(form->Get("score"));
  std::from_chars(s.data(), s.data() + s.size(), score);
  auto v = s.empty() ? StatusOr<CitizenView>(Status(StatusCode::kInvalidArgument, "score_required",
                                                    "لطفاً امتیازی از ۱ تا ۵ برگزینید."))
                     : service_->Rate(code, score, form->Get("comment"), ip);
  if (!v.ok()) {
    PortalPage p = StatusPage(code, cookie_header);
    p.status = HttpStatusOf(v.status());
    p.body.insert(p.body.find("<h1>"),
                  "<p class=\"error\" role=\"alert\">" + EscapeHtml(v.status().message()) + "</p>\n");
    return p;
  }
  PortalPage p;
  p.status = 303;
  p.location = "/citizen/requests/" + v->request.tracking_code;
  return p;
}

PortalPage Portal::Reopen(const std::string& code, const std::string& cookie_header,
                          std::string_view content_type, std::string_view body, const std::string& ip) {
  if (!CookieAllows(CookieValue(cookie_header, "pol_track"), code)) {
    return TrackPage("برای این کار، نخست کد رهگیری و شمارهٔ همراه را وارد کنید.", 403);
  }
  auto form = ParseForm(content_type, body);
  if (!form.ok()) return TrackPage(form.status().message(), 400);
  auto v = service_->Reopen(code, form->Get("reason"), ip);
  if (!v.ok()) {
    PortalPage p = StatusPage(code, cookie_header);
    p.status = HttpStatusOf(v.status());
    p.body.insert(p.body.find("<h1>"),
                  "<p class=\"error\" role=\"alert\">" + EscapeHtml(v.status().message()) + "</p>\n");
    return p;
  }
  PortalPage p;
  p.status = 303;
  p.location = "/citizen/requests/" + v->request.tracking_code;
  return p;
}

}  // namespace pol::citizen
