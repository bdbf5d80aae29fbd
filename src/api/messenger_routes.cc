// Messenger bots: /api/v1/messenger/bots (tokens write-only, shown masked), /api/v1/messenger/bots/{id}/test,
// and the public webhook /hooks/messenger/{id} (the Bot API's X-Telegram-Bot-Api-Secret-Token checked).
#include "api/json_io.h"
#include "api/routes.h"
#include "messenger/bot_api.h"
#include "messenger/bots.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json BotJson(const store::MessengerBot& b) {
  return Json{{"id", b.id},
              {"council_id", b.council_id},
              {"agency_id", OptJson(b.agency_id)},
              {"kind", b.kind},
              {"kind_name", messenger::ChannelName(b.kind)},
              {"name", b.name},
              {"base_url", b.base_url.empty() ? messenger::OfficialBaseUrl(b.kind) : b.base_url},
              {"token_set", !b.token.empty()},
              {"token_hint", b.token_hint},
              {"mode", b.mode},
              {"webhook_path", "/hooks/messenger/" + std::to_string(b.id)},
              {"welcome", b.welcome},
              {"enabled", b.enabled},
              {"version", b.version},
              {"created_at", b.created_at},
              {"updated_at", b.updated_at}};
}

StatusOr<messenger::BotInput> ReadBot(const Request& req, bool create) {
  POL_ASSIGN_OR_RETURN(
      auto f, Fields::From(req, {"council_id", "agency_id", "kind", "name", "base_url", "token", "channel_id",
                                 "mode", "welcome", "enabled", "version"}));
  messenger::BotInput in;
  POL_ASSIGN_OR_RETURN(in.council_id, f.Int("council_id"));
  POL_ASSIGN_OR_RETURN(in.agency_id, f.Int("agency_id"));
  POL_ASSIGN_OR_RETURN(in.kind, f.Str("kind", 20));
  POL_ASSIGN_OR_RETURN(in.name, f.Str("name", 400));
  POL_ASSIGN_OR_RETURN(in.base_url, f.Str("base_url", 500));
  POL_ASSIGN_OR_RETURN(in.token, f.Str("token", 300));
  POL_ASSIGN_OR_RETURN(in.channel_id, f.Int("channel_id"));
  POL_ASSIGN_OR_RETURN(in.mode, f.Str("mode", 20));
  POL_ASSIGN_OR_RETURN(in.welcome, f.Str("welcome", 4000));
  POL_ASSIGN_OR_RETURN(in.enabled, f.Bool("enabled"));
  POL_ASSIGN_OR_RETURN(in.version, f.Int("version"));
  if (!create && (in.council_id || in.agency_id || in.kind || in.channel_id))
    return InvalidArgument(
        "immutable", "صاحب و نوع ربات پس از ساختن تغییر نمی‌کند.", "kind");
  return in;
}

}  // namespace

void RegisterMessengerRoutes(http::Router& r, const Services& s) {
  messenger::MessengerService* m = s.messenger;
  r.Add(V::get, "/api/v1/messenger/bots", Access::kSession, [m](Request& req) {
    POL_TRY(auto list, m->ListBots(ActorOf(req)));
    Json items = Json::array();
    for (const auto& b : list) items.push_back(BotJson(b));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::post, "/api/v1/messenger/bots", Access::kSession, [m](Request& req) {
    POL_TRY(auto in, ReadBot(req, true));
    POL_TRY(auto b, m->CreateBot(ActorOf(req), in));
    return Versioned(BotJson(b), b.version, 201)
        .With("Location", "/api/v1/messenger/bots/" + std::to_string(b.id));
  });
  r.Add(V::get, "/api/v1/messenger/bots/{id}", Access::kSession, [m](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto b, m->GetBot(ActorOf(req), id));
    return Versioned(BotJson(b), b.version);
  });
  r.Add(V::patch, "/api/v1/messenger/bots/{id}", Access::kSession, [m](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto in, ReadBot(req, false));
    POL_TRY(auto b, m->UpdateBot(ActorOf(req), id, in));
    return Versioned(BotJson(b), b.version);
  });
  r.Add(V::post, "/api/v1/messenger/bots/{id}/test", Access::kSession, [m](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto t, m->TestBot(ActorOf(req), id));
    return Response::MakeJson(Json{{"ok", t.ok}, {"username", t.username}, {"error_fa", t.error_fa}});
  });
  // The Bot API posts updates here; the secret token is the only credential (no session, no CSRF).
  r.Add(V::post, "/hooks/messenger/{id}", Access::kPublic, [m](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    Status st = m->Webhook(id, req.Header("X-Telegram-Bot-Api-Secret-Token"), req.body);
    if (!st.ok()) return Response::Error(st);
    return Response::MakeJson(Json{{"ok", true}});
  });
}

}  // namespace pol::api
