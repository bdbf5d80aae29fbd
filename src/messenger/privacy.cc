// MessengerService: a citizen's chats in the privacy export and erasure (citizen::RequestService calls these
// hooks inside its own transaction with the mobile, its council and the ids of the mobile's requests). The
// chats concerned are the ones those requests came from (messenger_links) and the ones whose unfinished
// conversation holds the mobile although no request was filed from them: the export lists each with its
// unfinished conversation, if any; the erasure drops the links and clears those conversations (text
// gathered, photos, mobile, national code), so nothing the citizen typed stays in the chat's state.
#include <set>
#include <string>
#include <utility>
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

Status MessengerService::OnRequestsErased(Conn& c, const citizen::PersonalScope& scope) {
  POL_ASSIGN_OR_RETURN(auto links, store::LinksOfRequests(c, scope.request_ids));
  POL_RETURN_IF_ERROR(store::DeleteLinksOfRequests(c, scope.request_ids).status());
  POL_ASSIGN_OR_RETURN(auto holding, store::ChatsHoldingMobile(c, scope.council_id, scope.mobile));
  std::set<std::pair<int64_t, std::string>> chats;
  for (const auto& l : links) chats.insert({l.bot_id, l.chat_id});
  for (const auto& ch : holding) chats.insert({ch.bot_id, ch.chat_id});
  const int64_t now = env_->NowMillis();
  for (const auto& [bot_id, chat_id] : chats) {
    POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, bot_id, chat_id));
    if (!chat || (chat->state == "idle" && chat->data == "{}")) continue;
    chat->state = "idle";  // the blocked flag stays
    chat->data = "{}";
    chat->updated_at = now;
    POL_RETURN_IF_ERROR(store::SaveMessengerChat(c, *chat));
  }
  return Status::Ok();
}

StatusOr<json> MessengerService::OnExport(Conn& c, const citizen::PersonalScope& scope) {
  json out = json::array();
  std::set<std::pair<int64_t, std::string>> listed;
  POL_ASSIGN_OR_RETURN(auto links, store::LinksOfRequests(c, scope.request_ids));
  for (const auto& l : links) {
    POL_ASSIGN_OR_RETURN(auto bot, store::GetMessengerBot(c, l.bot_id));
    POL_ASSIGN_OR_RETURN(auto r, store::GetCitizenRequest(c, l.request_id));
    POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, l.bot_id, l.chat_id));
    listed.insert({l.bot_id, l.chat_id});
    out.push_back(json{{"tracking_code", r ? r->tracking_code : ""},
                       {"channel", bot.kind},
                       {"bot", bot.name},
                       {"chat_id", l.chat_id},
                       {"created_at", l.created_at},
                       {"conversation", chat ? ConversationJson(*chat) : json(nullptr)}});
  }
  // Conversations that hold the mobile in a chat no request came from (shared, then abandoned).
  POL_ASSIGN_OR_RETURN(auto holding, store::ChatsHoldingMobile(c, scope.council_id, scope.mobile));
  for (const auto& chat : holding) {
    if (!listed.insert({chat.bot_id, chat.chat_id}).second) continue;
    POL_ASSIGN_OR_RETURN(auto bot, store::GetMessengerBot(c, chat.bot_id));
    out.push_back(json{{"tracking_code", ""},
                       {"channel", bot.kind},
                       {"bot", bot.name},
                       {"chat_id", chat.chat_id},
                       {"created_at", chat.created_at},
                       {"conversation", ConversationJson(chat)}});
  }
  return out;
}

}  // namespace pol::messenger
