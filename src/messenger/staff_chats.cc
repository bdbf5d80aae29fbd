// MessengerService: staff members' own chats. A staff user takes a one-time code in the console
// (IssueStaffLinkCode), sends it to a bot of their council (`/start pol-…` or the code alone); the update
// that carries it links the chat to the user in the update's own transaction, audited as the user, and the
// bot answers in Persian. The committee's notices then also go to that chat (SendToStaffChat).
#include <spdlog/spdlog.h>

#include "messenger/bot_api.h"
#include "messenger/bots.h"
#include "messenger/messenger_policy.h"
#include "messenger/staff_link_code.h"
#include "store/user_repo.h"

namespace pol::messenger {

using store::Conn;
using store::MessengerBot;
using store::MessengerChat;

StatusOr<StaffLinkOffer> MessengerService::IssueStaffLinkCode(const accounts::Actor& actor) {
  if (actor.IsSystem()) return PermissionDenied();
  const int64_t now = env_->NowMillis();
  StaffLinkOffer offer{.code = NewStaffLinkCode(env_), .expires_at = now + kStaffLinkCodeTtlMs};
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    offer.bots.clear();  // a retried transaction starts over
    POL_ASSIGN_OR_RETURN(auto bots, store::ListMessengerBots(c, std::nullopt, std::nullopt));
    for (auto& b : bots) {
      if (b.enabled && CanLinkStaffChat(actor, b.council_id)) offer.bots.push_back(std::move(b));
    }
    POL_RETURN_IF_ERROR(store::ReplaceStaffLinkCode(c, actor.principal->user_id,
                                                    StaffLinkCodeHash(offer.code), offer.expires_at, now));
    return accounts::Audit(c, actor, now, "messenger_link_code", "user",
                           std::to_string(actor.principal->user_id), {}, {{"expires_at", offer.expires_at}});
  }));
  for (auto& b : offer.bots) {  // secrets never leave the service
    b.token.clear();
    b.webhook_secret.clear();
  }
  return offer;
}

StatusOr<std::vector<store::StaffChat>> MessengerService::ListStaffChats(const accounts::Actor& actor) {
  if (actor.IsSystem()) return PermissionDenied();
  return db_->ReadValue([&](Conn& c) { return store::ListStaffChats(c, actor.principal->user_id); });
}

Status MessengerService::UnlinkStaffChat(const accounts::Actor& actor, int64_t id) {
  if (actor.IsSystem()) return PermissionDenied();
  const int64_t now = env_->NowMillis();
  return db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto link, store::GetStaffChat(c, id));
    if (!link || link->user_id != actor.principal->user_id) return NotFound("این گفتگو پیدا نشد.");
    POL_RETURN_IF_ERROR(store::DeleteStaffChat(c, id));
    return accounts::Audit(c, actor, now, "messenger_unlink", "staff_chat", std::to_string(id),
                           {.council_id = link->council_id},
                           {{"bot_id", link->bot_id}, {"chat", MaskChatId(link->chat_id)}});
  });
}

Status MessengerService::LinkStaffChat(const MessengerBot& bot, int64_t update_id, bool advance_offset,
                                       const MessengerChat& chat, const std::string& code, Batch* batch) {
  POL_RETURN_IF_ERROR(Flush(batch));  // the link commits with this update, after what came before it
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    std::vector<Reply> replies;
    POL_ASSIGN_OR_RETURN(std::optional<int64_t> user_id,
                         store::TakeStaffLinkCode(c, StaffLinkCodeHash(code), now));
    std::optional<store::User> user;
    if (user_id) {
      POL_ASSIGN_OR_RETURN(store::User u, store::GetUser(c, *user_id));
      if (!u.disabled) user = std::move(u);
    }
    accounts::Principal who;
    if (user)
      who = accounts::Principal{
          .user_id = user->id, .username = user->username, .name = user->name, .grants = user->roles};
    const accounts::Actor actor{.principal = &who, .ip = "messenger"};
    if (!user) {
      replies.push_back(ErrorReply(
          "این کد اتصال معتبر نیست یا مهلتش (۱۵ دقیقه) گذشته است. از بخش «پیام‌رسان من» در پیشخوان پل "
          "(صفحهٔ «تغییر گذرواژه») کد تازه‌ای بگیرید."));
    } else if (!CanLinkStaffChat(actor, bot.council_id)) {
      replies.push_back(
          ErrorReply("این ربات از آنِ شورایی است که شما در آن نقشی ندارید؛ کد را به ربات شورای خود بفرستید."));
    } else {
      POL_ASSIGN_OR_RETURN(int64_t link_id, store::LinkStaffChat(c, user->id, bot.id, chat.chat_id, now));
      POL_RETURN_IF_ERROR(accounts::Audit(c, actor, now, "messenger_link", "staff_chat",
                                          std::to_string(link_id), {.council_id = bot.council_id},
                                          {{"bot_id", bot.id}, {"chat", MaskChatId(chat.chat_id)}}));
      replies.push_back(ErrorReply(
          user->name +
          " گرامی، این گفتگو به حساب شما در پل وصل شد. دعوت‌نامه‌ها و یادآوری‌های جلسه‌های کمیته از این پس "
          "اینجا هم می‌رسد. برای جدا کردن، به بخش «پیام‌رسان من» در پیشخوان پل بروید."));
    }
    return Commit(c, bot, update_id, advance_offset, chat, replies, now);
  }));
  if (batch) ++batch->committed;
  return Status::Ok();
}

Status MessengerService::SendToStaffChat(int64_t bot_id, const std::string& chat_id,
                                         const std::string& text) {
  POL_ASSIGN_OR_RETURN(BotForChat target, LoadBotForChat(bot_id, chat_id));
  const MessengerBot& bot = target.bot;
  if (!bot.enabled) return FailedPrecondition("bot_disabled", "ربات غیرفعال است.");
  if (target.blocked) return FailedPrecondition("chat_blocked", "کاربر ربات را مسدود کرده است.");
  const std::string token = OpenToken(bot);
  if (token.empty()) return FailedPrecondition("bot_refused", "توکن ربات باز نشد.");
  BotApi api(bot.kind, bot.base_url, token);
  BotCall r = api.Call("sendMessage", nlohmann::json{{"chat_id", chat_id}, {"text", text}});
  if (r.ok) return Status::Ok();
  if (r.Blocked()) {
    spdlog::info("messenger: bot {} was blocked in a staff chat; sending there stops", bot_id);
    POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) {
      return store::SetMessengerChatBlocked(c, bot_id, chat_id, true, env_->NowMillis());
    }));
    return FailedPrecondition("chat_blocked", "کاربر ربات را مسدود کرده است.");
  }
  if (r.status == 0 && !r.refused) return Unavailable("bot api: no answer");
  if (r.status == 429 || r.status >= 500) return Unavailable("bot api: HTTP " + std::to_string(r.status));
  return FailedPrecondition("bot_refused", "bot api refused: HTTP " + std::to_string(r.status));
}

}  // namespace pol::messenger
