#include "distribution/channels.h"

#include <cctype>
#include <set>

#include "distribution/mime.h"
#include "net/outbound_guard.h"

namespace pol::distribution {
namespace {

using nlohmann::json;

Status Bad(const std::string& field, const std::string& msg) {
  return InvalidArgument("invalid_field", msg, field);
}

StatusOr<std::string> Str(const json& j, const char* name, size_t max, bool required) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) {
    if (required) return InvalidArgument("required", "این بخش لازم است.", name);
    return std::string();
  }
  if (!it->is_string()) return Bad(name, "مقدار این بخش باید متن باشد.");
  std::string v = it->get<std::string>();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) v.pop_back();
  while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) v.erase(0, 1);
  if (v.size() > max) return InvalidArgument("too_long", "این بخش بیش از اندازه بلند است.", name);
  if (required && v.empty()) return InvalidArgument("required", "این بخش لازم است.", name);
  return v;
}

bool ValidHttpUrl(const std::string& u) {
  if (!(u.starts_with("http://") || u.starts_with("https://"))) return false;
  size_t host = u.find("://") + 3;
  if (host >= u.size()) return false;
  for (unsigned char ch : u) {
    if (ch <= 0x20 || ch >= 0x7f || ch == '"' || ch == '<' || ch == '>') return false;
  }
  return true;
}

bool ValidChatId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  if (id[0] == '@') {
    if (id.size() < 6 || !std::isalpha(static_cast<unsigned char>(id[1]))) return false;
    for (size_t i = 1; i < id.size(); ++i) {
      unsigned char ch = static_cast<unsigned char>(id[i]);
      if (!(std::isalnum(ch) || ch == '_')) return false;
    }
    return true;
  }
  size_t i = id[0] == '-' ? 1 : 0;
  if (i == id.size()) return false;
  for (; i < id.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

Status OnlyFields(const json& j, const std::set<std::string>& allowed) {
  if (!j.is_object())
    return InvalidArgument("invalid_field", "تنظیمات کانال باید یک شیء JSON باشد.", "config");
  for (const auto& [k, v] : j.items()) {
    if (!allowed.count(k))
      return InvalidArgument(
          "unknown_field", "این بخش برای این نوع کانال شناخته‌شده نیست.",
          k);
  }
  return Status::Ok();
}

}  // namespace

bool KnownKind(const std::string& k) {
  return k == "telegram" || k == "bale" || k == "eitaa" || k == "email" || k == "webhook";
}
bool IsMessenger(const std::string& k) { return k == "telegram" || k == "bale" || k == "eitaa"; }

bool IsAlertChannel(const std::string& kind, const json& config) {
  if (!IsMessenger(kind) || !config.is_object()) return false;
  auto it = config.find("purpose");
  return it != config.end() && it->is_string() && it->get<std::string>() == "alerts";
}

std::string KindPersianName(const std::string& k) {
  if (k == "telegram") return "تلگرام";
  if (k == "bale") return "بله";
  if (k == "eitaa") return "ایتا";
  if (k == "email") return "رایانامهٔ خبرنگاران";
  if (k == "webhook") return "وب‌هوک";
  if (k == "site") return "پایگاه خبری";
  return k;
}

std::string DefaultBaseUrl(const std::string& kind) {
  if (kind == "telegram") return "https://api.telegram.org";
  if (kind == "bale") return "https://tapi.bale.ai";
  if (kind == "eitaa") return "https://eitaayar.ir";
  return "";
}

std::string Endpoint(const ChannelConfig& c) {
  if (IsMessenger(c.kind)) return c.base_url.empty() ? DefaultBaseUrl(c.kind) : c.base_url;
  if (c.kind == "email") return c.smtp_url;
  return c.url;
}

bool OnOfficialHost(const ChannelConfig& c) {
  return !IsMessenger(c.kind) || Endpoint(c) == DefaultBaseUrl(c.kind);
}

Status CheckTransport(const ChannelConfig& c) {
  if (c.kind == "email") {
    const bool loopback = net::IsLoopbackHost(net::UrlHost(c.smtp_url));
    if (c.tls == "tls" && !c.smtp_url.starts_with("smtps://")) {
      return InvalidArgument(
          "tls_requires_smtps",
          "رمزنگاری tls (TLS از آغاز) نشانی smtps://…:465 می‌خواهد؛ برای smtp://…:587 "
          "رمزنگاری starttls را برگزینید.",
          "tls");
    }
    if (c.tls == "none" && !loopback) {
      return InvalidArgument(
          "insecure_smtp",
          "بدون رمزنگاری فقط برای سرور رایانامهٔ همین رایانه پذیرفته است؛ starttls یا tls را "
          "برگزینید.",
          "tls");
    }
    return Status::Ok();
  }
  const std::string url = Endpoint(c);
  if (url.starts_with("http://") && !net::IsLoopbackHost(net::UrlHost(url))) {
    return InvalidArgument("insecure_url",
                           "نشانی سرویس باید با https:// آغاز شود؛ http:// فقط برای همین رایانه پذیرفته است.",
                           IsMessenger(c.kind) ? "base_url" : "url");
  }
  return Status::Ok();
}

json ChannelConfig::ToJson() const {
  if (IsMessenger(kind)) {
    json j{{"chat_id", chat_id}, {"base_url", base_url.empty() ? DefaultBaseUrl(kind) : base_url}};
    if (kind != "eitaa") j["public_username"] = public_username;
    if (purpose != "releases") j["purpose"] = purpose;
    return j;
  }
  if (kind == "email") {
    return json{{"press_list_id", press_list_id},
                {"smtp_url", smtp_url},
                {"tls", tls},
                {"username", username},
                {"from_address", from_address},
                {"from_name", from_name},
                {"reply_to", reply_to}};
  }
  return json{{"url", url}};
}

StatusOr<ChannelConfig> ChannelConfig::FromJson(const std::string& kind, const json& j) {
  ChannelConfig c;
  c.kind = kind;
  if (IsMessenger(kind)) {
    POL_RETURN_IF_ERROR(OnlyFields(j, {"chat_id", "base_url", "public_username", "purpose"}));
    POL_ASSIGN_OR_RETURN(c.purpose, Str(j, "purpose", 20, false));
    if (c.purpose.empty()) c.purpose = "releases";
    if (c.purpose != "releases" && c.purpose != "alerts")
      return Bad("purpose", "کاربرد کانال باید انتشار خبر (releases) یا هشدارهای پایش (alerts) باشد.");
    POL_ASSIGN_OR_RETURN(c.chat_id, Str(j, "chat_id", 64, true));
    if (!ValidChatId(c.chat_id)) {
      return Bad(
          "chat_id",
          "شناسهٔ کانال باید به شکل ‎@name‎ (دست‌کم پنج حرف لاتین) یا یک عدد مانند ‎-1001234567890‎ باشد.");
    }
    POL_ASSIGN_OR_RETURN(c.base_url, Str(j, "base_url", 300, false));
    while (!c.base_url.empty() && c.base_url.back() == '/') c.base_url.pop_back();
    if (!c.base_url.empty() && !ValidHttpUrl(c.base_url)) {
      return Bad("base_url", "نشانی سرویس باید با http:// یا https:// آغاز شود.");
    }
    if (kind != "eitaa") {
      POL_ASSIGN_OR_RETURN(c.public_username, Str(j, "public_username", 64, false));
      if (!c.public_username.empty() && c.public_username[0] == '@') c.public_username.erase(0, 1);
    }
    if (c.public_username.empty() && c.chat_id[0] == '@') c.public_username = c.chat_id.substr(1);
    return c;
  }
  if (kind == "email") {
    POL_RETURN_IF_ERROR(OnlyFields(
        j, {"press_list_id", "smtp_url", "tls", "username", "from_address", "from_name", "reply_to"}));
    auto it = j.find("press_list_id");
    if (it == j.end() || !it->is_number_integer() || it->get<int64_t>() <= 0) {
      return InvalidArgument("required", "فهرست خبرنگاران را انتخاب کنید.", "press_list_id");
    }
    c.press_list_id = it->get<int64_t>();
    POL_ASSIGN_OR_RETURN(c.smtp_url, Str(j, "smtp_url", 300, true));
    if (!(c.smtp_url.starts_with("smtp://") || c.smtp_url.starts_with("smtps://")) ||
        c.smtp_url.size() < 10 || c.smtp_url.find_first_of(" \"<>") != std::string::npos) {
      return Bad("smtp_url", "نشانی سرور SMTP باید به شکل smtp://host:587 یا smtps://host:465 باشد.");
    }
    POL_ASSIGN_OR_RETURN(c.tls, Str(j, "tls", 20, false));
    if (c.tls.empty()) c.tls = c.smtp_url.starts_with("smtps://") ? "tls" : "starttls";
    if (c.tls != "starttls" && c.tls != "tls" && c.tls != "none") {
      return Bad("tls", "رمزنگاری باید starttls، tls یا none باشد.");
    }
    POL_ASSIGN_OR_RETURN(c.username, Str(j, "username", 200, false));
    POL_ASSIGN_OR_RETURN(c.from_address, Str(j, "from_address", 254, true));
    if (!ValidEmail(c.from_address)) return Bad("from_address", "نشانی فرستنده معتبر نیست.");
    POL_ASSIGN_OR_RETURN(c.from_name, Str(j, "from_name", 200, false));
    POL_ASSIGN_OR_RETURN(c.reply_to, Str(j, "reply_to", 254, false));
    if (!c.reply_to.empty() && !ValidEmail(c.reply_to)) return Bad("reply_to", "نشانی پاسخ معتبر نیست.");
    return c;
  }
  if (kind == "webhook") {
    POL_RETURN_IF_ERROR(OnlyFields(j, {"url"}));
    POL_ASSIGN_OR_RETURN(c.url, Str(j, "url", 1000, true));
    if (!ValidHttpUrl(c.url))
      return Bad("url", "نشانی وب‌هوک باید با http:// یا https:// آغاز شود.");
    return c;
  }
  return InvalidArgument(
      "invalid_kind",
      "نوع کانال باید یکی از تلگرام، بله، ایتا، رایانامه یا وب‌هوک باشد.",
      "kind");
}

Status ValidateSecret(const std::string& kind, const std::string& s) {
  if (s.size() > 500) return InvalidArgument("too_long", "رمز یا توکن بیش از اندازه بلند است.", "secret");
  for (unsigned char ch : s) {
    if (ch <= 0x20 || ch >= 0x7f) {
      return InvalidArgument("invalid_secret", "رمز یا توکن نباید فاصله یا نویسهٔ غیرلاتین داشته باشد.",
                             "secret");
    }
  }
  if (kind == "telegram" || kind == "bale") {
    size_t colon = s.find(':');
    bool ok = colon != std::string::npos && colon > 0 && s.size() - colon - 1 >= 20;
    for (size_t i = 0; ok && i < colon; ++i) ok = std::isdigit(static_cast<unsigned char>(s[i]));
    for (size_t i = colon + 1; ok && i < s.size(); ++i) {
      unsigned char ch = static_cast<unsigned char>(s[i]);
      ok = std::isalnum(ch) || ch == '_' || ch == '-';
    }
    if (!ok) {
      return InvalidArgument(
          "invalid_token",
          "توکن ربات معتبر نیست؛ به شکل ‎123456:ABC…‎ است که سازندهٔ ربات می‌دهد.",
          "secret");
    }
  } else if (kind == "eitaa" || kind == "webhook") {
    if (s.size() < 8)
      return InvalidArgument("invalid_secret",
                             "توکن یا کلید دست‌کم هشت نویسه است.", "secret");
  }
  return Status::Ok();
}

}  // namespace pol::distribution
