// MessengerService: the bots' configuration and the connection test.
#include <sodium.h>

#include <cctype>

#include "accounts/validate.h"
#include "distribution/channels.h"
#include "messenger/bot_api.h"
#include "messenger/bots.h"
#include "messenger/messenger_policy.h"
#include "net/outbound_guard.h"
#include "store/council_repo.h"
#include "store/distribution_repo.h"
#include "text/number_words.h"

namespace pol::messenger {

using accounts::Actor;
using nlohmann::json;
using store::Conn;
using store::MessengerBot;

namespace {

Status BotNotFound() { return NotFound("ربات پیدا نشد."); }

Status CheckBaseUrl(const Actor& actor, const std::string& kind, const std::string& base_url) {
  if (base_url.empty() || base_url == OfficialBaseUrl(kind)) return Status::Ok();
  if (!base_url.starts_with("https://") && !base_url.starts_with("http://"))
    return InvalidArgument("invalid_url", "نشانی سرویس ربات باید با https:// آغاز شود.", "base_url");
  if (base_url.starts_with("http://") && !net::IsLoopbackHost(net::UrlHost(base_url)))
    return InvalidArgument("insecure_url",
                           "نشانی سرویس باید با https:// آغاز شود؛ http:// فقط برای همین رایانه پذیرفته است.",
                           "base_url");
  if (!CanUseUnofficialBotHost(actor))
    return Status(
        StatusCode::kPermissionDenied, "official_host_only",
        "ربات فقط به نشانی رسمی پیام‌رسان وصل می‌شود؛ نشانی دیگر را مدیر سامانه تعیین می‌کند.",
        "base_url");
  return Status::Ok();
}

// A Bot API token: "<digits>:<letters, digits, _ and ->", at most 200 characters.
Status CheckToken(const std::string& token) {
  const size_t colon = token.find(':');
  bool ok = colon != std::string::npos && colon > 0 && colon + 1 < token.size() && token.size() <= 200;
  for (size_t i = 0; ok && i < token.size(); ++i) {
    const char ch = token[i];
    if (i < colon)
      ok = ch >= '0' && ch <= '9';
    else if (i > colon)
      ok = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-';
  }
  if (!ok) return InvalidArgument("invalid_token", "توکن ربات درست نیست (به شکل ۱۲۳۴۵:ABC…).", "token");
  return Status::Ok();
}

std::string NewSecret() {
  unsigned char raw[24];
  randombytes_buf(raw, sizeof raw);
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
  std::string s;
  for (unsigned char b : raw) s += kAlphabet[b % 64];
  return s;
}

}  // namespace

MessengerService::MessengerService(store::Database* db, Env* env, jobs::Queue* queue,
                                   citizen::RequestService* citizen, distribution::SecretBox secrets,
                                   MessengerOptions options)
    : db_(db),
      env_(env),
      queue_(queue),
      citizen_(citizen),
      secrets_(std::move(secrets)),
      options_(options),
      limiter_(options.shared_limits ? db : nullptr) {}

MessengerService::~MessengerService() { StopPolling(); }

std::string MessengerService::OpenToken(const MessengerBot& bot) const {
  auto t = secrets_.Open(bot.token);
  return t.ok() ? *t : "";
}

StatusOr<MessengerBot> MessengerService::LoadManaged(const Actor& actor, int64_t id) {
  MessengerBot b;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    auto got = store::GetMessengerBot(c, id);
    if (!got.ok()) return BotNotFound();
    b = *got;
    return Status::Ok();
  }));
  if (!CanManageBots(actor, b.council_id, b.agency_id)) return BotNotFound();
  return b;
}

StatusOr<std::vector<MessengerBot>> MessengerService::ListBots(const Actor& actor) {
  const BotScope scope = ManageableBots(actor);
  std::vector<MessengerBot> out;
  if (scope.none) return out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out, store::ListMessengerBots(c, scope.councils, scope.agencies));
    return Status::Ok();
  }));
  return out;
}

StatusOr<MessengerBot> MessengerService::GetBot(const Actor& actor, int64_t id) {
  return LoadManaged(actor, id);
}

StatusOr<MessengerBot> MessengerService::CreateBot(const Actor& actor, const BotInput& in) {
  if (!in.kind || (*in.kind != "telegram" && *in.kind != "bale"))
    return InvalidArgument("invalid_kind", "نوع ربات باید تلگرام یا بله باشد.", "kind");
  if (!in.name) return InvalidArgument("required", "نام ربات لازم است.", "name");
  POL_ASSIGN_OR_RETURN(std::string name, accounts::NormalizeText(*in.name, 100, "name", true));
  POL_ASSIGN_OR_RETURN(std::string welcome,
                       accounts::NormalizeText(in.welcome.value_or(""), 1000, "welcome", false));
  const std::string mode = in.mode.value_or("polling");
  if (mode != "polling" && mode != "webhook")
    return InvalidArgument("invalid_mode", "شیوهٔ دریافت باید polling یا webhook باشد.", "mode");
  if (!in.token && !in.channel_id)
    return InvalidArgument("required", "توکن ربات یا کانال انتشاری که همین ربات است لازم است.", "token");
  if (in.token) POL_RETURN_IF_ERROR(CheckToken(*in.token));
  std::string base_url = in.base_url.value_or("");
  const int64_t now = env_->NowMillis();
  MessengerBot b;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    if (in.agency_id) {
      auto a = store::GetAgency(c, *in.agency_id);
      if (!a.ok()) return NotFound("دستگاه پیدا نشد.");
      b.council_id = a->council_id;
      b.agency_id = a->id;
    } else if (in.council_id) {
      b.council_id = *in.council_id;
    } else {
      return InvalidArgument("required", "دستگاه یا شورای صاحب ربات را انتخاب کنید.", "agency_id");
    }
    if (!CanSeeOwner(actor, b.council_id)) return NotFound("دستگاه پیدا نشد.");
    if (!CanManageBots(actor, b.council_id, b.agency_id))
      return PermissionDenied(
          "مدیریت ربات‌های این دستگاه در اختیار شما نیست.");
    if (in.channel_id && !in.token) {
      auto ch = store::GetChannel(c, *in.channel_id);
      if (!ch.ok() || !CanManageBots(actor, ch->council_id, ch->agency_id))
        return NotFound("کانال پیدا نشد.");
      if (ch->kind != *in.kind)
        return InvalidArgument("kind_mismatch",
                               "کانال انتخاب‌شده از همین پیام‌رسان نیست.",
                               "channel_id");
      auto cfg = distribution::ChannelConfig::FromJson(ch->kind, json::parse(ch->config, nullptr, false));
      if (cfg.ok() && base_url.empty() && cfg->base_url != OfficialBaseUrl(ch->kind))
        base_url = cfg->base_url;
      b.token = ch->secret;  // sealed under the same key
      b.token_hint = ch->secret_hint;
    } else {
      b.token = secrets_.Seal(*in.token);
      b.token_hint = distribution::Hint(*in.token);
    }
    POL_RETURN_IF_ERROR(CheckBaseUrl(actor, *in.kind, base_url));
    b.kind = *in.kind;
    b.name = name;
    b.base_url = base_url == OfficialBaseUrl(b.kind) ? "" : base_url;
    b.mode = mode;
    b.webhook_secret = secrets_.Seal(NewSecret());
    b.welcome = welcome;
    b.enabled = in.enabled.value_or(true);
    b.created_at = b.updated_at = now;
    POL_ASSIGN_OR_RETURN(b.id, store::InsertMessengerBot(c, b));
    return accounts::Audit(c, actor, now, "messenger_bot.create", "messenger_bot", std::to_string(b.id),
                           {b.council_id, b.agency_id},
                           json{{"kind", b.kind}, {"name", b.name}, {"mode", b.mode}});
  }));
  return b;
}

StatusOr<MessengerBot> MessengerService::UpdateBot(const Actor& actor, int64_t id, const BotInput& in) {
  if (!in.version) return InvalidArgument("required", "نسخهٔ ربات (version) لازم است.", "version");
  if (in.mode && *in.mode != "polling" && *in.mode != "webhook")
    return InvalidArgument("invalid_mode", "شیوهٔ دریافت باید polling یا webhook باشد.", "mode");
  if (in.token) POL_RETURN_IF_ERROR(CheckToken(*in.token));
  const int64_t now = env_->NowMillis();
  MessengerBot b;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    auto got = store::GetMessengerBot(c, id);
    if (!got.ok() || !CanManageBots(actor, got->council_id, got->agency_id)) return BotNotFound();
    b = *got;
    if (b.version != *in.version) return VersionConflict();
    json changed = json::array();
    if (in.name) {
      POL_ASSIGN_OR_RETURN(b.name, accounts::NormalizeText(*in.name, 100, "name", true));
      changed.push_back("name");
    }
    if (in.welcome) {
      POL_ASSIGN_OR_RETURN(b.welcome, accounts::NormalizeText(*in.welcome, 1000, "welcome", false));
      changed.push_back("welcome");
    }
    if (in.mode) b.mode = *in.mode, changed.push_back("mode");
    if (in.enabled) b.enabled = *in.enabled, changed.push_back("enabled");
    if (in.base_url && *in.base_url != b.base_url) {
      POL_RETURN_IF_ERROR(CheckBaseUrl(actor, b.kind, *in.base_url));
      // A new endpoint never receives the old token: it must come again with the change.
      if (!in.token)
        return InvalidArgument("token_required", "با تغییر نشانی ربات، توکن آن را هم دوباره وارد کنید.",
                               "token");
      b.base_url = *in.base_url == OfficialBaseUrl(b.kind) ? "" : *in.base_url;
      changed.push_back("base_url");
    }
    if (in.token) {
      b.token = secrets_.Seal(*in.token);
      b.token_hint = distribution::Hint(*in.token);
      changed.push_back("token");
    }
    POL_RETURN_IF_ERROR(store::UpdateMessengerBot(c, b, now));
    b.version += 1;
    b.updated_at = now;
    return accounts::Audit(c, actor, now, "messenger_bot.update", "messenger_bot", std::to_string(b.id),
                           {b.council_id, b.agency_id}, json{{"changed", changed}});
  }));
  return b;
}

StatusOr<TestResult> MessengerService::TestBot(const Actor& actor, int64_t id) {
  POL_ASSIGN_OR_RETURN(MessengerBot b, LoadManaged(actor, id));
  const std::string token = OpenToken(b);
  TestResult out;
  if (token.empty()) {
    out.error_fa = "توکن ربات خوانده نشد؛ آن را دوباره وارد کنید.";
    return out;
  }
  BotApi api(b.kind, b.base_url, token);
  BotCall me = api.Call("getMe", json::object());
  if (!me.ok) {
    out.error_fa = me.refused ? "نشانی سرویس ربات مجاز نیست."
                   : me.status == 401 || me.status == 404 ? "توکن ربات پذیرفته نشد."
                   : me.status == 0
                       ? "سرویس ربات در دسترس نبود."
                       : "سرویس ربات پاسخ نادرست داد (کد " + text::PersianNumber(me.status) + ").";
    return out;
  }
  out.username = me.result.value("username", "");
  BotCall hook;
  if (b.mode == "webhook") {
    auto secret = secrets_.Open(b.webhook_secret);
    if (!secret.ok() || options_.public_url.empty()) {
      out.error_fa =
          "نشانی عمومی سامانه (public_url) برای وب‌هوک تنظیم نشده است.";
      return out;
    }
    hook =
        api.Call("setWebhook", json{{"url", options_.public_url + "/hooks/messenger/" + std::to_string(b.id)},
                                    {"secret_token", *secret},
                                    {"allowed_updates", json::array({"message", "callback_query"})}});
  } else {
    hook = api.Call("deleteWebhook", json::object());
  }
  if (!hook.ok) {
    out.error_fa =
        "ربات پاسخ داد، اما تنظیم شیوهٔ دریافت (وب‌هوک) پذیرفته نشد.";
    return out;
  }
  out.ok = true;
  return out;
}

std::string ChannelName(const std::string& channel) {
  if (channel == "telegram") return "تلگرام";
  if (channel == "bale") return "بله";
  return "وبگاه";
}

std::string MaskChatId(const std::string& chat_id) {
  if (chat_id.size() <= 4) return "••••";
  return chat_id.substr(0, 2) + "•••" + chat_id.substr(chat_id.size() - 2);
}

}  // namespace pol::messenger
