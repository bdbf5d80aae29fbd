// MessengerService: what goes back to the chat. Replies, answers, status changes and the rating
// buttons are messenger.send jobs (the durable queue, enqueued inside the transaction that caused them);
// the job honours the Bot API's retry_after and stops sending to a chat that blocked the bot.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "citizen/tracking_code.h"
#include "messenger/bot_api.h"
#include "messenger/bots.h"
#include "store/citizen_repo.h"
#include "text/number_words.h"

namespace pol::messenger {

using nlohmann::json;
using store::Conn;

namespace {

constexpr int64_t kMaxFloodRetries = 20;

json RatingKeyboard(int64_t request_id) {
  json row = json::array();
  for (int n = 5; n >= 1; --n) {
    row.push_back(json{{"text", text::ToPersianDigits(std::to_string(n))},
                       {"callback_data", "rate:" + std::to_string(request_id) + ":" + std::to_string(n)}});
  }
  return json{
      {"inline_keyboard",
       json::array({row, json::array({json{{"text", "حل نشد"},
                                           {"callback_data", "reopen:" + std::to_string(request_id)}}})})}};
}

}  // namespace

StatusOr<MessengerService::BotForChat> MessengerService::LoadBotForChat(int64_t bot_id,
                                                                        const std::string& chat_id) {
  BotForChat out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out.bot, store::GetMessengerBot(c, bot_id));
    POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, bot_id, chat_id));
    out.blocked = chat && chat->blocked;
    return Status::Ok();
  }));
  return out;
}

Status MessengerService::RunSend(const jobs::Job& job) {
  json p = json::parse(job.payload_json, nullptr, false);
  if (!p.is_object() || !p.contains("bot_id") || !p.contains("body") || !p.contains("method"))
    return jobs::PermanentError("malformed messenger.send payload");
  const int64_t bot_id = p["bot_id"].get<int64_t>();
  const std::string chat_id = p.value("chat_id", "");
  POL_ASSIGN_OR_RETURN(BotForChat target, LoadBotForChat(bot_id, chat_id));
  const store::MessengerBot& bot = target.bot;
  if (!bot.enabled || target.blocked) return Status::Ok();  // a disabled bot or a blocked chat: dropped
  const std::string token = OpenToken(bot);
  if (token.empty()) return jobs::PermanentError("the bot's token cannot be opened");
  BotApi api(bot.kind, bot.base_url, token);
  BotCall r = api.Call(p["method"].get<std::string>(), p["body"]);
  if (r.ok) return Status::Ok();
  if (r.status == 429) {
    // Flood control: the same message again after retry_after (at least a second), a fresh job.
    const int64_t flood = p.value("flood", int64_t{0}) + 1;
    if (flood > kMaxFloodRetries) return jobs::PermanentError("flood control: too many retry_after");
    p["flood"] = flood;
    const int64_t wait_ms = std::max<int64_t>(r.retry_after_s, 1) * 1000;
    return queue_
        ->Enqueue({.queue = kQueue,
                   .kind = kSendJobKind,
                   .payload_json = p.dump(),
                   .run_at = env_->NowMillis() + wait_ms,
                   .dedup_key = "messenger.flood:" + std::to_string(job.id) + ":" + std::to_string(flood)})
        .status();
  }
  if (r.Blocked()) {
    spdlog::info("messenger: bot {} was blocked in a chat; sending there stops", bot_id);
    return db_->Write(
        [&](Conn& c) { return store::SetMessengerChatBlocked(c, bot_id, chat_id, true, env_->NowMillis()); });
  }
  if (r.status == 0 || r.status >= 500) return Unavailable("bot api: HTTP " + std::to_string(r.status));
  return jobs::PermanentError("bot api refused: HTTP " + std::to_string(r.status));
}

Status MessengerService::OnRequestChange(Conn& c, const store::CitizenRequest& r, const std::string& action,
                                         int64_t now) {
  if (action != "reply" && action != "close" && action != "transfer" && action != "merge")
    return Status::Ok();
  POL_ASSIGN_OR_RETURN(auto link, store::GetMessengerLink(c, r.id));
  if (!link) return Status::Ok();
  POL_ASSIGN_OR_RETURN(auto chat, store::GetMessengerChat(c, link->bot_id, link->chat_id));
  if (chat && chat->blocked) return Status::Ok();  // blocked: the request stays, the chat gets nothing
  const std::string code = citizen::DisplayTrackingCode(r.tracking_code);
  std::vector<Reply> out;
  if (action == "reply") {
    POL_ASSIGN_OR_RETURN(auto events, store::ListRequestEvents(c, r.id, true));
    std::string body;
    for (const auto& e : events)
      if (e.kind == "replied") body = e.body;
    out.push_back({"پاسخ " + (r.agency_name.empty() ? std::string("دستگاه") : "«" + r.agency_name + "»") +
                       " به درخواست " + code + ":\n" + body,
                   nullptr});
  } else if (action == "close") {
    out.push_back(
        {"درخواست " + code + " بسته شد. به پاسخ از ۱ تا ۵ امتیاز دهید؛ اگر مشکل حل نشده «حل نشد» را بزنید.",
         RatingKeyboard(r.id)});
  } else if (action == "transfer") {
    out.push_back({"درخواست " + code + " برای رسیدگی به دستگاه دیگری ارجاع شد.", nullptr});
  } else {
    out.push_back(
        {"درخواست " + code +
             " با درخواست مشابهی یکی شد و پاسخ آن برایتان فرستاده می‌شود.",
         nullptr});
  }
  return EnqueueReplies(c, link->bot_id, link->chat_id, out, now);
}

StatusOr<std::vector<Reply>> MessengerService::HandleRequestButton(const store::MessengerBot& bot,
                                                                   const std::string& chat_id,
                                                                   const std::string& data) {
  const bool rate = data.starts_with("rate:");
  const std::string rest = data.substr(rate ? 5 : 7);
  int64_t id = 0, score = 0;
  try {
    size_t pos = 0;
    id = std::stoll(rest, &pos);
    if (rate) score = std::stoll(rest.substr(pos + 1));
  } catch (...) {
    return std::vector<Reply>{ErrorReply("این دکمه دیگر کار نمی‌کند.")};
  }
  std::string tracking;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto link, store::GetMessengerLink(c, id));
    if (!link || link->bot_id != bot.id || link->chat_id != chat_id) return Status::Ok();
    POL_ASSIGN_OR_RETURN(auto r, store::GetCitizenRequest(c, id));
    if (r && !r->erased) tracking = r->tracking_code;
    return Status::Ok();
  }));
  if (tracking.empty())
    return std::vector<Reply>{ErrorReply("این دکمه دیگر کار نمی‌کند.")};
  auto v = rate ? citizen_->Rate(tracking, score, "", "messenger")
                : citizen_->Reopen(tracking, "حل نشد (از پیام‌رسان)", "messenger");
  if (!v.ok()) {
    const StatusCode code = v.status().code();
    if (code == StatusCode::kInternal || code == StatusCode::kUnavailable) return v.status();
    return std::vector<Reply>{ErrorReply(v.status().message())};
  }
  if (rate) return std::vector<Reply>{ErrorReply("سپاس! امتیاز شما ثبت شد.")};
  return std::vector<Reply>{ErrorReply(
      "درخواست " + citizen::DisplayTrackingCode(tracking) +
      " دوباره باز شد و دستگاه دوباره به آن رسیدگی می‌کند.")};
}

Status RegisterMessengerJobs(jobs::WorkerPool& pool, MessengerService* service) {
  return pool.Register(kSendJobKind,
                       [service](const jobs::Job& job, jobs::JobContext&) { return service->RunSend(job); });
}

}  // namespace pol::messenger
