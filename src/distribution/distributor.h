// Distribution: delivering a published release to every channel its agency (and, for council-level
// releases, the council) has configured — messengers, press e-mail, webhooks — durably and visibly.
//
// Outbox. ReleaseService calls OnPublished() inside the transaction that publishes the release. It writes,
// in that same transaction, one `deliveries` row and one `distribution.deliver` job per messenger/webhook
// channel, and one `distribution.expand` job per e-mail channel (the press list is expanded by that job
// into one delivery row per subscribed contact, in jobs of kMailBatch recipients), so a crash can lose
// no delivery and the publish request does not grow with the list. Dedup keys make every enqueue
// idempotent; the unique (release, channel, recipient) row makes a delivery exist once.
//
// Delivery. A deliver job leases its rows: queued → sending (attempts + 1) in one transaction, sends,
// and records the outcome in another: sent (with the channel's message id and link), failed (a permanent
// error, or attempts used up, with the channel's answer and a Persian message), or queued again with a
// retry job at now + max(retry_after, exponential backoff with full jitter). A row found in `sending`
// was interrupted (crash, SIGKILL) after it may have reached the channel: e-mail and webhooks are sent
// again with the same Message-ID / X-Pol-Delivery id, for the receiver to drop the duplicate; the Bot API
// has no idempotency key or read-back, which leaves the duplicate window described in docs/distribution.md.
// A person can retry a failed or cancelled delivery, or cancel a queued one, from the console.
//
// Bulletins (issue 12 §4; bulletin_delivery.cc). The press bulletin's schedule names channels of its
// council (store/bulletin_delivery_repo.h). OnBulletinArchived, called inside the transaction that
// archives a bulletin, writes one `bulletin_deliveries` row per recipient — each subscribed contact of an
// e-mail channel's press list, one row per messenger channel — and one `distribution.bulletin` job per row
// (dedup key per row). The job sends the PDF as a document (adapters.h "Documents"): e-mail with the
// bulletin's HTML e-mail as the body and the PDF attached under a Persian filename, Bale/Telegram with
// sendDocument and Eitaa with sendFile, with a Persian caption (the council and the period). A failure the
// channel may get over is retried by the job queue (attempts and backoff of the job); a permanent one, or
// the last attempt, leaves the row failed with its Persian error. Delivery is at least once (a crash after
// sending and before recording sends again; e-mail keeps its Message-ID).
//
// Alerts (issue 16 §2; alert_delivery.cc). Monitoring calls OnAlert (through the app) inside the
// transaction that records a fired alert. It writes one `alert_deliveries` row per recipient and one
// `distribution.alert` job each: an e-mail to each of the agency's PR managers that has an address, sent
// through the agency's e-mail channel's SMTP server (else the council's; without one, no e-mail), and a
// message in each of the agency's alert chats (messenger channels with config purpose "alerts"), and a
// message to each PR manager's own linked Bale/Telegram chat (staff_chats, through that bot) — with the
// alert, the item's title, outlet and tone, and a link to the item in the console. The row's unique key
// (event and target), the job's dedup key and the sent state keep an alert from being delivered twice on
// a retry (a crash between sending and recording can still send again: at least once).
//
// Corrections and withdrawals (issue 16 §2; release_update.cc). The newsroom's change hook calls
// OnReleaseChanged inside the transaction that corrects or withdraws a public release: for every sent
// delivery of the release it writes a `release_updates` row and a `distribution.update` job — Bale and
// Telegram edit the message in place (editMessageText, or editMessageCaption for a photo message) or
// delete it on withdrawal (deleteMessage; the Bot API lets a bot delete its messages in a channel; one
// older than 48 hours may be refused, which fails the row with a Persian error); each press contact who
// received the release gets a correction e-mail («اصلاحیه: …», the note first, the corrected release);
// webhooks are called with release.corrected / release.withdrawn (X-Pol-Event and "event"). Eitaa's API
// has no edit or delete: nothing is sent there (said in docs/distribution.md). A withdrawal sends no
// e-mail. Retries, failure and at-least-once as for the bulletin's deliveries.
//
// Access: distribution_policy.h (channels and press lists: CanManageChannels; the deliveries of a
// release are visible to whoever may read the release; retry/cancel: CanRetryOrCancelDelivery).
//
// Files: distributor.cc (the outbox, expansion, a release's deliveries, the failed ones, retry/cancel), delivery.cc (the
// delivery state machine), bulletin_delivery.cc (the bulletin's deliveries), alert_delivery.cc (monitoring
// alerts), release_update.cc (corrections and withdrawals), channel_admin.cc (channels), press_lists.cc
// (press lists, CSV import, unsubscribe).
//
// Thread-safety: thread-safe; blocks (database, network): worker threads only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "distribution/adapters.h"
#include "distribution/channels.h"
#include "distribution/compose.h"
#include "distribution/secrets.h"
#include "jobs/backoff.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "newsroom/releases.h"
#include "store/distribution_repo.h"

namespace pol::distribution {

inline constexpr char kDeliverJob[] = "distribution.deliver";
inline constexpr char kExpandJob[] = "distribution.expand";
inline constexpr char kBulletinDeliverJob[] = "distribution.bulletin";
inline constexpr char kAlertDeliverJob[] = "distribution.alert";
inline constexpr char kReleaseUpdateJob[] = "distribution.update";
inline constexpr char kQueue[] = "distribution";
inline constexpr int kMailBatch = 50;

using AdapterFactory =
    std::function<std::unique_ptr<ChannelAdapter>(const ChannelConfig& config, const std::string& secret)>;

struct DistributorOptions {
  std::string public_url;  // links to articles and unsubscribe pages, e.g. https://news.example.ir
  int64_t max_attempts = 8;
  jobs::BackoffPolicy backoff{.base_ms = 2000, .cap_ms = 15 * 60 * 1000};
  int mail_batch = kMailBatch;
  AdapterFactory make_adapter;  // empty: MakeAdapter (adapters.h); tests put a fake here
};

struct DeliveryRun;  // one run of the delivery state machine (delivery.cc)

struct ChannelInput {
  std::optional<int64_t> version;
  std::optional<int64_t> council_id, agency_id;  // create only
  std::optional<std::string> kind;               // create only
  std::optional<std::string> name;
  std::optional<nlohmann::json> config;
  std::optional<std::string> secret;  // write-only
  std::optional<bool> enabled;
};

struct ContactInput {
  std::string outlet, name, email, beats;
};
struct ImportReport {
  int64_t added = 0, updated = 0;
  struct Problem {
    int64_t line = 0;  // 1-based (CSV line or array index + 1)
    std::string email, code, message;
  };
  std::vector<Problem> problems;
};

struct ChannelView {
  store::Channel channel;
  ChannelConfig config;
};

struct DeliveryView {
  store::Delivery delivery;
  std::string channel_kind, channel_name;
};
struct ChannelSummary {
  int64_t channel_id = 0;
  std::string kind, name;
  int64_t queued = 0, sending = 0, sent = 0, failed = 0, cancelled = 0;
  int64_t last_at = 0;
};
struct ReleaseDistribution {
  store::Release release;
  std::string article_url;
  std::vector<ChannelSummary> channels;
  std::vector<DeliveryView> deliveries;  // channel rows first, then e-mails needing attention (bounded)
};

// A failed delivery on the distribution screen: the delivery (recipient masked as ForRelease does), its
// channel's owner, its release, and whether a retry is possible now (the release is still public; the
// list only shows channels the person manages, so the right to retry is given).
struct FailedDeliveryView {
  DeliveryView view;
  int64_t council_id = 0;
  std::optional<int64_t> agency_id;
  std::string release_title, release_status;
  bool retryable = false;
};

// A fired monitoring alert as distribution delivers it (OnAlert).
struct AlertMessage {
  std::string event_key;  // unique per alert and agency
  int64_t council_id = 0, agency_id = 0;
  std::string message, item_title, outlet, link;  // link: the item in the console (absolute)
  std::vector<int64_t> manager_ids;               // the agency's PR managers
  int64_t at = 0;
};

struct TestResult {
  bool ok = false;
  std::string message_id, url, error_code, error_fa, detail;
};

class Distributor {
 public:
  Distributor(store::Database* db, Env* env, jobs::Queue* queue, newsroom::ReleaseService* releases,
              SecretBox secrets, DistributorOptions options);

  // The publish hook: called by ReleaseService inside the publishing transaction.
  Status OnPublished(store::Conn& c, const store::Release& r, int64_t now);

  StatusOr<std::vector<ChannelView>> ListChannels(const accounts::Actor& actor,
                                                  std::optional<int64_t> council_id,
                                                  std::optional<int64_t> agency_id);
  StatusOr<ChannelView> CreateChannel(const accounts::Actor& actor, const ChannelInput& in);
  StatusOr<ChannelView> GetChannel(const accounts::Actor& actor, int64_t id);
  StatusOr<ChannelView> UpdateChannel(const accounts::Actor& actor, int64_t id, const ChannelInput& in);
  StatusOr<TestResult> TestChannel(const accounts::Actor& actor, int64_t id);

  StatusOr<std::vector<store::PressList>> ListPressLists(const accounts::Actor& actor);
  StatusOr<store::PressList> CreatePressList(const accounts::Actor& actor, int64_t council_id,
                                             std::optional<int64_t> agency_id, const std::string& name);
  StatusOr<std::pair<std::vector<store::PressContact>, int64_t>> ListContacts(const accounts::Actor& actor,
                                                                              int64_t list_id, int64_t limit,
                                                                              int64_t offset);
  // Adds or updates contacts; malformed rows are reported (and skipped), never half-written.
  StatusOr<ImportReport> ImportContacts(const accounts::Actor& actor, int64_t list_id,
                                        const std::vector<ContactInput>& contacts);
  // CSV with a header line naming columns among: email, name, outlet, beats (e-mail required).
  static StatusOr<std::vector<ContactInput>> ParseContactsCsv(const std::string& csv, ImportReport& report);

  StatusOr<ReleaseDistribution> ForRelease(const accounts::Actor& actor, int64_t release_id);
  // Every failed delivery on the channels this person manages (distribution_policy.h's ManageableScope;
  // nothing for those who manage none), optionally of one agency's channels; newest first, with the total.
  StatusOr<std::pair<std::vector<FailedDeliveryView>, int64_t>> ListFailed(const accounts::Actor& actor,
                                                                           std::optional<int64_t> agency_id,
                                                                           int64_t limit, int64_t offset);
  StatusOr<DeliveryView> Retry(const accounts::Actor& actor, int64_t delivery_id);
  StatusOr<DeliveryView> Cancel(const accounts::Actor& actor, int64_t delivery_id);

  // The public unsubscribe link: the contact (and its list's name) for a token; Unsubscribe records it.
  StatusOr<std::pair<store::PressContact, std::string>> UnsubscribeInfo(const std::string& token);
  Status Unsubscribe(const std::string& token);

  // The bulletin's outbox (see "Bulletins" above): inside the archiving transaction.
  Status OnBulletinArchived(store::Conn& c, int64_t archive_id, int64_t council_id, const std::string& period,
                            int64_t now);

  // The newsroom's change hook (see "Corrections and withdrawals" above): inside the transaction that
  // corrects ("corrected") or withdraws ("withdrawn") a release.
  Status OnReleaseChanged(store::Conn& c, const store::Release& r, const std::string& event, int64_t now);
  // The alerts' outbox (see "Alerts" above): inside the transaction that records the alert.
  Status OnAlert(store::Conn& c, const AlertMessage& a);
  // The console's address of a path ("/console/…"), for links in alerts.
  std::string ConsoleUrl(const std::string& path) const { return options_.public_url + path; }
  // The attempts a delivery job gets (DistributorOptions::max_attempts), also for the outbox's retries.
  int64_t max_attempts() const { return options_.max_attempts; }

  // Job handlers.
  Status RunReleaseUpdate(const jobs::Job& job);
  Status RunAlertDelivery(const jobs::Job& job);
  Status RunBulletinDelivery(const jobs::Job& job);
  Status RunExpand(const jobs::Job& job);
  Status RunDeliver(const jobs::Job& job, jobs::JobContext& ctx);
  // The deliver job's work on these delivery ids: claim (queued/sending → sending, one attempt more;
  // withdrawn releases and disabled channels cancel), send through the channel's adapter, record the
  // outcome (sent; failed when permanent or out of attempts; queued again with a retry job at
  // now + max(retry_after, backoff)). `cancelled` is polled before each send: unsent ones go back.
  Status Deliver(const std::vector<int64_t>& ids, const std::function<bool()>& cancelled);

  std::string ArticleUrl(const store::Release& r) const;
  // What a channel shows of a release (its text, the article's address, its photos' large versions), as
  // first sent and as edited on a correction.
  ReleaseContent ContentOf(const store::Release& r, const std::string& agency_name) const;
  std::string UnsubscribeUrl(const std::string& token) const;

 private:
  StatusOr<ChannelView> View(const store::Channel& ch) const;
  Status CheckManage(const accounts::Actor& actor, int64_t council_id,
                     std::optional<int64_t> agency_id) const;
  StatusOr<int64_t> EnqueueDeliver(store::Conn& c, const std::vector<int64_t>& ids, int64_t run_at,
                                   const std::string& dedup);
  std::unique_ptr<ChannelAdapter> NewAdapter(const ChannelConfig& config, const std::string& secret) const;
  // The adapter of `ch` and its config; nullptr with `*failure` set (permanent) when its config or secret
  // cannot be used.
  std::unique_ptr<ChannelAdapter> OpenAdapter(const store::Channel& ch, ChannelConfig* config,
                                              SendResult* failure) const;
  // One message on `ch`: its config and secret opened (a broken one fails permanently), `fill` writes the
  // message, the channel's adapter sends it.
  SendResult SendOn(const store::Channel& ch,
                    const std::function<void(const ChannelConfig&, OutMessage&)>& fill) const;
  // A release's deliveries: the release the actor may read (404 otherwise) and the delivery's id.
  Status CheckDeliveryReadable(const accounts::Actor& actor, int64_t delivery_id);

  // The steps of Deliver (delivery.cc).
  Status ClaimDeliveries(const std::vector<int64_t>& ids, DeliveryRun& run);
  Status LoadRecipients(DeliveryRun& run);
  void SendOne(DeliveryRun& run, size_t index, const std::function<bool()>& cancelled);
  OutMessage ComposeFor(const DeliveryRun& run, size_t index);
  Status RecordOutcomes(DeliveryRun& run);
  Status RecordOne(store::Conn& c, DeliveryRun& run, size_t index, int64_t done_at);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  newsroom::ReleaseService* const releases_;
  const SecretBox secrets_;
  const DistributorOptions options_;
};

Status RegisterDistributionJobs(jobs::WorkerPool& pool, Distributor* d);

}  // namespace pol::distribution
