// A staff member's own messenger chats (messenger/bots.h, staff_chats.cc), from their profile in the console:
//   POST   /api/v1/auth/messenger-link          a fresh one-time code and the bots it may be sent to
//   GET    /api/v1/auth/messenger-chats         the caller's linked chats
//   DELETE /api/v1/auth/messenger-chats/{id}    unlink one of them
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

Json ChatJson(const store::StaffChat& s) {
  return Json{{"id", s.id},
              {"bot_id", s.bot_id},
              {"bot_name", s.bot_name},
              {"kind", s.bot_kind},
              {"kind_name", messenger::ChannelName(s.bot_kind)},
              {"chat", messenger::MaskChatId(s.chat_id)},
              {"active", s.bot_enabled && !s.blocked},
              {"created_at", s.created_at}};
}

}  // namespace

void RegisterStaffChatRoutes(http::Router& r, const Services& s) {
  messenger::MessengerService* m = s.messenger;
  r.Add(V::post, "/api/v1/auth/messenger-link", Access::kSession, [m](Request& req) {
    POL_TRY(auto offer, m->IssueStaffLinkCode(ActorOf(req)));
    Json bots = Json::array();
    for (const auto& b : offer.bots) {
      bots.push_back(Json{{"id", b.id},
                          {"kind", b.kind},
                          {"kind_name", messenger::ChannelName(b.kind)},
                          {"name", b.name},
                          {"council_id", b.council_id},
                          {"agency_id", OptJson(b.agency_id)}});
    }
    return Response::MakeJson(Json{{"code", offer.code},
                                   {"start_command", "/start " + offer.code},
                                   {"expires_at", offer.expires_at},
                                   {"bots", bots}},
                              201);
  });
  r.Add(V::get, "/api/v1/auth/messenger-chats", Access::kSession, [m](Request& req) {
    POL_TRY(auto chats, m->ListStaffChats(ActorOf(req)));
    Json items = Json::array();
    for (const auto& c : chats) items.push_back(ChatJson(c));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(V::delete_, "/api/v1/auth/messenger-chats/{id}", Access::kSession, [m](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    Status st = m->UnlinkStaffChat(ActorOf(req), id);
    if (!st.ok()) return Response::Error(st);
    return Response::NoContent();
  });
}

}  // namespace pol::api
