// Citizens reach the agencies through Bale and Telegram bots (issue 15).
//
// MessengerService holds the bots' configuration (per council or agency; token sealed with
// distribution's SecretBox, or reused from a distribution channel of the same bot), receives updates
// (long polling on its own thread, or the webhook), runs each chat's conversation (conversation.h) and
// files the request through the citizens' own intake (citizen::RequestService::Submit: the same inbox,
// routing, SLA and duplicate detection), and sends the answers, status changes and the rating buttons back
// through the durable job queue ("messenger.send" jobs on the "messenger" queue).
//
// Durability: an update's effect (the chat's new state, the replies as jobs, the request itself) and the
// stored getUpdates offset commit in one transaction, with the update id recorded as handled: a restart
// neither loses nor repeats an update. When an update files a request, that transaction is the request's
// own (SubmitInput::in_transaction). A polled page (HandleUpdates) commits its plain conversation steps
// together — one transaction, one fsync, for up to 100 updates — and commits what is pending before a step
// that writes through the citizens' service (filing, the one-time code, a rating): the order of effects and
// the offset stay those of one-by-one handling.
//
// Staff members link their own chat too (staff_chats.cc): a one-time code from the console, sent to a bot
// of their council, links the chat to their account; the committee's invitations and reminders then also
// go there (committee/invitations.h).
//
// Files: bots.h; bot_admin.cc (configuration, test connection); inbound.cc (updates → conversation →
// actions, the page batch); outbound.cc (the send job, the citizens' change hook); privacy.cc (export and
// erasure); poller.cc (the polling thread); staff_chats.cc (staff members' chats).
//
// Thread-safety: thread-safe; blocks on the database and the network (worker threads only).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/mutex.h"
#include "citizen/rate_limiter.h"
#include "citizen/requests.h"
#include "distribution/secrets.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "messenger/conversation.h"
#include "store/messenger_repo.h"
#include "store/messenger_repo_staff.h"

namespace pol::messenger {

inline constexpr char kQueue[] = "messenger";
inline constexpr char kSendJobKind[] = "messenger.send";

struct MessengerOptions {
  int64_t poll_timeout_s = 25;       // getUpdates long-poll timeout (one polling bot; 0 with several)
  int64_t poll_idle_ms = 1000;       // pause after an empty round or an error
  int64_t per_chat_per_minute = 20;  // updates handled per chat per minute; the rest get one polite notice
  // Several nodes on one database (PostgreSQL): the per-chat limit (and its one notice) is counted in the
  // database (citizen::RateLimiter with the database), so a webhook bot behind a balancer that spreads a
  // chat's updates over the nodes meets it at the same count as one node. False: in this node's memory.
  bool shared_limits = false;
  int64_t max_photo_bytes = 600 * 1024;
  size_t max_text_chars = 5000;
  std::string public_url;  // where the Bot API reaches a webhook bot: {public_url}/hooks/messenger/{id}
};

struct BotInput {
  std::optional<int64_t> council_id, agency_id;  // the owner (create only)
  std::optional<std::string> kind, name, base_url, token, mode, welcome;
  std::optional<int64_t> channel_id;  // reuse this distribution channel's token (same bot)
  std::optional<bool> enabled;
  std::optional<int64_t> version;  // update: required
};

// A staff member's one-time link code (staff_link_code.h) and the enabled bots they may send it to.
struct StaffLinkOffer {
  std::string code;
  int64_t expires_at = 0;
  std::vector<store::MessengerBot> bots;
};

struct TestResult {
  bool ok = false;
  std::string username, error_fa;
};

class MessengerService {
 public:
  // `queue` and `citizen` must outlive the service.
  MessengerService(store::Database* db, Env* env, jobs::Queue* queue, citizen::RequestService* citizen,
                   distribution::SecretBox secrets, MessengerOptions options);
  ~MessengerService();

  // --- configuration (bot_admin.cc) ---
  StatusOr<std::vector<store::MessengerBot>> ListBots(const accounts::Actor& actor);
  StatusOr<store::MessengerBot> GetBot(const accounts::Actor& actor, int64_t id);
  StatusOr<store::MessengerBot> CreateBot(const accounts::Actor& actor, const BotInput& in);
  StatusOr<store::MessengerBot> UpdateBot(const accounts::Actor& actor, int64_t id, const BotInput& in);
  // getMe with the stored token; then setWebhook (webhook mode: the URL and the secret token) or
  // deleteWebhook (polling mode, where getUpdates needs no webhook set).
  StatusOr<TestResult> TestBot(const accounts::Actor& actor, int64_t id);

  // --- inbound (inbound.cc) ---
  // Handles one Bot API update of the bot, durably and at most once per update_id. `advance_offset`:
  // the polling offset moves past it in the same transaction.
  Status HandleUpdate(const store::MessengerBot& bot, const nlohmann::json& update, bool advance_offset);
  // Handles a getUpdates page in order, moving the polling offset; returns how many updates were committed
  // (a prefix of the page: an update that cannot be handled yet stops the page and comes again).
  StatusOr<int64_t> HandleUpdates(const store::MessengerBot& bot, const nlohmann::json& updates);
  // Webhook call: Unauthenticated (401) unless `secret` equals the bot's secret (constant time); the
  // update is then handled like a polled one.
  Status Webhook(int64_t bot_id, const std::string& secret, const std::string& body);

  // --- staff members' chats (staff_chats.cc) ---
  // A fresh one-time code for the caller's own account (the one before it stops working), audited.
  // The caller's chat is linked when the code comes to an enabled bot of a council they have a role in.
  StatusOr<StaffLinkOffer> IssueStaffLinkCode(const accounts::Actor& actor);
  // The caller's linked chats.
  StatusOr<std::vector<store::StaffChat>> ListStaffChats(const accounts::Actor& actor);
  // Unlinks one of the caller's chats (someone else's: NotFound), audited.
  Status UnlinkStaffChat(const accounts::Actor& actor, int64_t id);
  // Sends `text` to a staff member's linked chat now (the committee's notices). Ok when the Bot API took
  // it; FailedPrecondition with code bot_disabled, chat_blocked or bot_refused when it never will;
  // Unavailable when it may later (network, 5xx, 429).
  Status SendToStaffChat(int64_t bot_id, const std::string& chat_id, const std::string& text);

  // --- polling (poller.cc) ---
  // One round over the polling bots; returns the updates handled.
  StatusOr<int64_t> PollOnce(int64_t timeout_s);
  void StartPolling();
  void StopPolling();

  // --- outbound (outbound.cc) ---
  // The messenger.send job.
  Status RunSend(const jobs::Job& job);
  // citizen::RequestChangeHook: public changes of a request that came from a chat go back to it.
  Status OnRequestChange(store::Conn& c, const store::CitizenRequest& r, const std::string& action,
                         int64_t now);
  // citizen's privacy hooks (privacy.cc): the chats of the scope's requests and the chats whose unfinished
  // conversation holds the mobile (a citizen who shared it and never filed).
  Status OnRequestsErased(store::Conn& c, const citizen::PersonalScope& scope);
  StatusOr<nlohmann::json> OnExport(store::Conn& c, const citizen::PersonalScope& scope);

 private:
  // A rating or «حل نشد» button under a closing message (outbound.cc).
  StatusOr<std::vector<Reply>> HandleRequestButton(const store::MessengerBot& bot, const std::string& chat_id,
                                                   const std::string& data);
  // The writes of a polled page not yet committed, and the chat states they will write.
  struct Batch {
    std::vector<std::function<Status(store::Conn&)>> writes;
    std::map<std::string, store::MessengerChat> chats;
    int64_t committed = 0;  // updates whose effect is committed (flushed, or filed in their own transaction)
  };
  Status Handle(const store::MessengerBot& bot, const nlohmann::json& update, bool advance_offset,
                Batch* batch) REQUIRES(handle_mu_);
  // Runs `write` now (no batch) or with the batch's commit; `chat` (when set) is the state it writes.
  Status Defer(Batch* batch, std::function<Status(store::Conn&)> write, const store::MessengerChat* chat);
  // Commits the batch's writes in one transaction (counted in `committed`); if that fails, one by one up
  // to the first failure, which is returned. No-op without a batch.
  Status Flush(Batch* batch);
  // The answerCallbackQuery job of a button press, inside the caller's transaction.
  Status AnswerCallback(store::Conn& c, int64_t bot_id, const std::string& chat_id,
                        const std::string& callback_id);
  StatusOr<store::MessengerBot> LoadManaged(const accounts::Actor& actor, int64_t id);
  std::string OpenToken(const store::MessengerBot& bot) const;
  // A bot and whether `chat_id` has blocked it (a chat never seen is not blocked), in one read.
  struct BotForChat {
    store::MessengerBot bot;
    bool blocked = false;
  };
  StatusOr<BotForChat> LoadBotForChat(int64_t bot_id, const std::string& chat_id);
  // Replies as messenger.send jobs inside the caller's transaction.
  Status EnqueueReplies(store::Conn& c, int64_t bot_id, const std::string& chat_id,
                        const std::vector<Reply>& replies, int64_t now);
  // Commits an update's effect: chat state, replies, handled id, offset.
  Status Commit(store::Conn& c, const store::MessengerBot& bot, int64_t update_id, bool advance_offset,
                const store::MessengerChat& chat, const std::vector<Reply>& replies, int64_t now);
  // An update carrying a staff link code: links the chat (or says why not) in the update's transaction.
  Status LinkStaffChat(const store::MessengerBot& bot, int64_t update_id, bool advance_offset,
                       const store::MessengerChat& chat, const std::string& code, Batch* batch);
  Status Submit(const store::MessengerBot& bot, int64_t update_id, bool advance_offset,
                store::MessengerChat chat, const ChatState& state, const std::string& name, Batch* batch);
  // The per-chat flood limit (key: the bot and chat): true when this message is over it — with one notice
  // a minute in `replies`, silence after it.
  bool Flooded(const std::string& key, int64_t now, std::vector<Reply>& replies);
  // «پیگیری»: the request's public status as a reply (or why not); a server failure is returned.
  Status LookUpStatus(const std::string& code, const std::string& client_key, std::vector<Reply>& replies);
  // The one-time code of a filed request: true and a confirmation when it verified; false and the
  // reason as a reply when the code is wrong or expired; a server failure is returned.
  StatusOr<bool> VerifyCode(const std::string& tracking_code, const std::string& code,
                            std::vector<Reply>& replies);
  void PollLoop();

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  citizen::RequestService* const citizen_;
  const distribution::SecretBox secrets_;
  const MessengerOptions options_;
  citizen::RateLimiter limiter_;
  Mutex handle_mu_;  // one update at a time: a chat's state is read and written without races
  std::atomic<bool> stopping_{false};
  std::thread poller_;
};

// Registers the messenger.send handler.
Status RegisterMessengerJobs(jobs::WorkerPool& pool, MessengerService* service);

// Persian names of the kinds and channels ("telegram" → «تلگرام»).
std::string ChannelName(const std::string& channel);
// "12•••89": a chat id shown in lists.
std::string MaskChatId(const std::string& chat_id);

}  // namespace pol::messenger
