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
// Access: distribution_policy.h (channels and press lists: CanManageChannels; the deliveries of a
// release are visible to whoever may read the release; retry/cancel: CanRetryOrCancelDelivery).
//
// Files: distributor.cc (the outbox, expansion, a release's deliveries, the failed ones, retry/cancel), delivery.cc (the
// delivery state machine), channel_admin.cc (channels), press_lists.cc (press lists, CSV import,
// unsubscribe).
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
#include "distribution/secrets.h"
#include "jobs/backoff.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "newsroom/releases.h"
#include "store/distribution_repo.h"

namespace pol::distribution {

inline constexpr char kDeliverJob[] = "distribution.deliver";
inline constexpr char kExpandJob[] = "distribution.expand";
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

  // Job handlers.
  Status RunExpand(const jobs::Job& job);
  Status RunDeliver(const jobs::Job& job, jobs::JobContext& ctx);
  // The deliver job's work on these delivery ids: claim (queued/sending → sending, one attempt more;
  // withdrawn releases and disabled channels cancel), send through the channel's adapter, record the
  // outcome (sent; failed when permanent or out of attempts; queued again with a retry job at
  // now + max(retry_after, backoff)). `cancelled` is polled before each send: unsent ones go back.
  Status Deliver(const std::vector<int64_t>& ids, const std::function<bool()>& cancelled);

  std::string ArticleUrl(const store::Release& r) const;
  std::string UnsubscribeUrl(const std::string& token) const;

 private:
  StatusOr<ChannelView> View(const store::Channel& ch) const;
  Status CheckManage(const accounts::Actor& actor, int64_t council_id,
                     std::optional<int64_t> agency_id) const;
  StatusOr<int64_t> EnqueueDeliver(store::Conn& c, const std::vector<int64_t>& ids, int64_t run_at,
                                   const std::string& dedup);
  std::unique_ptr<ChannelAdapter> NewAdapter(const ChannelConfig& config, const std::string& secret) const;
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
