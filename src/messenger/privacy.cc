// MessengerService: a citizen's chats in the privacy export and erasure (citizen::RequestService calls these
// hooks inside its own transaction with the ids of the mobile's requests). The chats concerned are the ones
// those requests came from (messenger_links): the export lists each with its unfinished conversation, if
// any; the erasure drops the links and clears those conversations (text gathered, photos, mobile, national
// code), so nothing the citizen typed stays in the chat's state.
#include <string>
#include <vector>

#include "messenger/bots.h"
#include "store/citizen_repo.h"

namespace pol::messenger {

using nlohmann::json;
using store::Conn;

namespace {

// What an unfinished conversation holds, for the export; null when the chat is idle.
json ConversationJson(const store::MessengerChat& chat) {
  if (chat.state == "idle") return nullptr;
  const ChatState st = ChatState::FromJson(chat.state, json::parse(chat.data, nullptr, false));
  return json{{"state", st.state},
              {"type", st.type},
              {"parts", st.parts},
              {"photos", st.photos.size()},
              {"mobile", st.mobile},
              {"national_code", st.national_code},
              {"updated_at", chat.updated_at}};
}

}  // namespace

Status MessengerService::OnRequestsErased(Conn& c, const std::vector<int64_t>& ids) {
  POL_ASSIGN_OR_RETURN(auto links, store::LinksOfRequests(c, ids));
  POL_RETURN_IF_ERROR(store::DeleteLinksOfRequests(c, ids).status());
  const int64_t now = env_->NowMillis();
  for (const auto& l : links) {
    POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, l.bot_id, l.chat_id));
    if (!chat || (chat->state == "idle" && chat->data == "{}")) continue;
    chat->state = "idle";  // the blocked flag stays
    chat->data = "{}";
    chat->updated_at = now;
    POL_RETURN_IF_ERROR(store::SaveMessengerChat(c, *chat));
  }
  return Status::Ok();
}

StatusOr<json> MessengerService::OnExport(Conn& c, const std::vector<int64_t>& ids) {
  json out = json::array();
  if (ids.empty()) return out;
  POL_ASSIGN_OR_RETURN(auto links, store::LinksOfRequests(c, ids));
  for (const auto& l : links) {
    POL_ASSIGN_OR_RETURN(auto bot, store::GetMessengerBot(c, l.bot_id));
    POL_ASSIGN_OR_RETURN(auto r, store::GetCitizenRequest(c, l.request_id));
    POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, l.bot_id, l.chat_id));
    out.push_back(json{{"tracking_code", r ? r->tracking_code : ""},
                       {"channel", bot.kind},
                       {"bot", bot.name},
                       {"chat_id", l.chat_id},
                       {"created_at", l.created_at},
                       {"conversation", chat ? ConversationJson(*chat) : json(nullptr)}});
  }
  return out;
}

}  // namespace pol::messenger
