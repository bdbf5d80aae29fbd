// The two-way channel: citizens ask, complain and suggest; agencies answer on time.
//
// Lifecycle (store::CitizenRequest::state):
//   submit ──▶ unverified ──OTP──▶ routed: open (at an agency) or triage (the council's desk)
//   triage ──transfer──▶ open;  open ──reply──▶ answered ──reply──▶ answered
//   open/answered ──close (outcome)──▶ closed ──rate (1–5, comment)
//   closed ──"not resolved" within reopen_days──▶ open (a fresh SLA)
//   any active duplicate ──merge──▶ merged (the citizen then sees the main request's answers)
// Unverified requests are not routed and staff never see them.
//
// Durability: Submit() returns the tracking code only after the transaction holding the request
// committed (synchronous=FULL). Concurrent submissions share one transaction (group commit: the
// first waiting thread commits everything queued, each submission in its own savepoint).
//
// Access (staff): system admins; the handling agency's citizen_desk and agency_pr_manager; the
// council's council_admin (the council's triage desk, which also holds the privacy duties: export
// and erasure). Everyone else gets 404 for a request. Opening a request (personal data) writes an
// audit row; lists show masked mobiles. Citizens reach their request with the tracking code and the
// mobile it was filed with; a wrong pair answers exactly like an unknown code, and failures are
// throttled per address.
//
// Files: the class is one, its members are grouped by concern across files (duckdb style):
//   requests.cc            construction, the served council, the one write path (Apply/Change)
//   requests_intake.cc     Submit (validation, group commit), routing on verification, DemoSubmit
//   requests_otp.cc        one-time codes: Verify, ResendCode
//   requests_sms_limits.cc SMS abuse: per-mobile daily cap, resend back-off, hourly budget, Open311 keys
//   requests_public.cc     the citizen's views, rating, reopening, the public (Open311) status
//   requests_casework.cc   the staff inbox and casework: reply, note, assign, transfer, close, merge
//   requests_routing.cc    routing rules, the model: loading, training, retraining
//   requests_admin.cc      reply templates, SLA targets, satisfaction figures
//   requests_privacy.cc    export and erasure of a citizen's data
//   sla_sweep.cc           the periodic SLA check; sms_job.cc the SMS and retraining jobs
// Who may do what is decided in citizen_policy.h.
//
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
#include "base/mutex.h"
#include "citizen/attachment_store.h"
#include "citizen/group_commit.h"
#include "citizen/rate_limiter.h"
#include "citizen/request_types.h"
#include "citizen/router.h"
#include "citizen/sla.h"
#include "citizen/sms.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "store/citizen_repo.h"
#include "store/council_repo.h"
#include "text/work_calendar.h"

namespace pol::citizen {

inline constexpr char kSmsJobKind[] = "citizen.sms";
inline constexpr char kRetrainJobKind[] = "citizen.retrain";

struct Upload {
  std::string filename, data;
};

struct SubmitInput {
  std::string type, subject, text, agency, name, mobile, national_code;
  std::vector<Upload> files;
  std::string ip;
  bool skip_limits = false;      // the demo loader only
  bool keyless_open311 = false;  // an Open311 POST without an API key: the stricter limits
  bool known_client = false;     // an Open311 POST with a known API key: no per-address limit
  // A messenger bot (src/messenger): the mobile came as the sender's own contact, so it counts as
  // verified (no one-time code; the request is routed at once), and `in_transaction` runs inside the
  // transaction that stores the request (the chat's link and state, the update's offset).
  bool mobile_verified = false;
  std::string channel = "web";  // "telegram" or "bale" from a bot
  std::function<Status(store::Conn&, const store::CitizenRequest&)> in_transaction;
};

// Called inside the transaction of every change of a request (`action`: "reply", "close", "rate",
// "reopen", "transfer", …): messenger/ sends the public ones back to the chat the request came from
// through the job queue, like newsroom's publish hook feeds distribution's outbox.
using RequestChangeHook = std::function<Status(store::Conn& c, const store::CitizenRequest& r,
                                               const std::string& action, int64_t now)>;
// Whose personal data an export or an erasure is about: a mobile in a council, and its requests there.
struct PersonalScope {
  int64_t council_id = 0;
  std::string mobile;                // normalized (09…)
  std::vector<int64_t> request_ids;  // the mobile's requests in the council (may be empty)
};
// Called inside the erasure transaction (messenger/ drops the chat links of those requests and clears the
// conversations holding the mobile, filed or not); and by the export, to add what it holds.
using RequestsErasedHook = std::function<Status(store::Conn& c, const PersonalScope& scope)>;
using ExportHook = std::function<StatusOr<nlohmann::json>(store::Conn& c, const PersonalScope& scope)>;

struct SubmitResult {
  int64_t id = 0;
  std::string tracking_code;
};

struct CitizenView {
  store::CitizenRequest request;
  std::vector<store::RequestEvent> events;  // public ones (and the main request's, once merged)
  std::vector<store::CitizenAttachment> attachments;
  bool can_rate = false, can_reopen = false;
  int64_t reopen_until = 0;
};

struct StaffView {
  store::CitizenRequest request;
  std::vector<store::RequestEvent> events;
  std::vector<store::CitizenAttachment> attachments;
  std::vector<store::CitizenRequest> duplicates;  // similar requests not merged yet
};

struct RequestOptions {
  std::string data_dir;          // attachments go to <data_dir>/citizen-attachments/
  std::string council_slug;      // the council the public pages serve; empty: the first
  int64_t per_ip_per_hour = 20;  // submissions; 0: no limit
  int64_t per_mobile_per_hour = 5;
  int64_t lookup_failures_per_ip = 20;  // per 15 minutes
  int64_t otp_ttl_ms = 10 * 60 * 1000;
  int64_t otp_max_attempts = 5;
  int64_t otp_max_sends = 5;  // per request
  // SMS abuse (requests_sms_limits.cc). 0 turns each off.
  int64_t otp_per_mobile_per_day = 5;  // one-time codes to one mobile in 24 h, across requests
  int64_t otp_per_hour = 500;          // one-time codes the server sends per hour (then staff are alerted)
  int64_t otp_resend_backoff_ms =
      60 * 1000;                  // a resend waits this after the last code, doubled per code today
  bool sms_unconfigured = false;  // no SMS provider: no code can be sent, submissions are refused
  // Open311: clients with an API key (SHA-256 hex of each key) get the ordinary limits; submissions
  // without a key share a global hourly budget and a small one per address.
  std::vector<std::string> open311_key_hashes;
  int64_t open311_keyless_per_hour = 60;
  int64_t open311_keyless_per_ip = 3;   // per hour
  int64_t status_lookups_per_ip = 300;  // tracking codes looked up through Open311 per address per hour
  // Count the per-address and per-mobile throttles in the database (rate_limiter.h), so they hold across
  // several nodes; `pol serve` sets it on PostgreSQL.
  bool shared_throttles = false;
  int64_t reopen_days = 14;
  size_t max_text_chars = 5000;
  size_t max_file_bytes = 600 * 1024;
  size_t max_files = 3;
  double duplicate_jaccard = 0.8;
  text::WorkWeekOptions work_week;
};

struct RoutingInfo {
  int64_t samples = 0, held_out = 0;
  double accuracy = 0;
  int64_t trained_at = 0;
  double min_confidence = 0;
  std::vector<store::RoutingRule> rules;
};

// Everything stored about one mobile in the served council (the privacy export).
struct PersonalData {
  struct Request {
    store::CitizenRequest request;
    std::vector<store::RequestEvent> events;  // the public history
  };
  std::string mobile;
  std::vector<Request> requests;
  nlohmann::json chats = nlohmann::json::array();  // messenger chats the requests came from (ExportHook)
};

class RequestService {
 public:
  // `queue`, `sms` and `outbox` may be null (no SMS then; tests). `sms` sends the durable messages
  // (from the job), `outbox` the one-time codes.
  RequestService(store::Database* db, Env* env, jobs::Queue* queue, SmsProvider* sms, SmsOutbox* outbox,
                 Router* router, RequestOptions options);

  // --- citizens ---
  StatusOr<SubmitResult> Submit(const SubmitInput& in);
  // Checks the one-time code; on success the request is verified and routed. Returns the request.
  StatusOr<store::CitizenRequest> Verify(const std::string& tracking_code, const std::string& code,
                                         const std::string& ip);
  Status ResendCode(const std::string& tracking_code, const std::string& ip);
  // NotFound (one message) for an unknown code or a wrong mobile; ResourceExhausted when throttled.
  StatusOr<CitizenView> Lookup(const std::string& tracking_code, const std::string& mobile,
                               const std::string& ip);
  // For a citizen who proved the pair before (the status cookie).
  StatusOr<CitizenView> ViewByCode(const std::string& tracking_code);
  StatusOr<CitizenView> Rate(const std::string& tracking_code, int64_t score, const std::string& comment,
                             const std::string& ip);
  StatusOr<CitizenView> Reopen(const std::string& tracking_code, const std::string& reason,
                               const std::string& ip);
  // The public (Open311) status: no personal data. NotFound for unknown or unverified codes.
  // Each code looked up counts against the address's hourly budget (status_lookups_per_ip; 429).
  StatusOr<store::CitizenRequest> PublicStatus(const std::string& tracking_code, const std::string& ip);
  StatusOr<std::vector<store::CitizenRequest>> PublicStatuses(const std::vector<std::string>& codes,
                                                              const std::string& ip);
  // An Open311 client's API key: true for a known key, false for none given, 403 invalid_api_key else.
  StatusOr<bool> CheckOpen311Key(const std::string& api_key) const;
  // Whether one-time codes can be sent at all (an SMS provider is configured): the staff's warning.
  bool SmsConfigured() const { return !options_.sms_unconfigured; }
  // The public form's agency list: the served council's active agencies.
  StatusOr<std::vector<store::Agency>> PublicAgencies();

  // --- staff ---
  StatusOr<std::pair<std::vector<store::CitizenRequest>, int64_t>> List(const accounts::Actor& actor,
                                                                        store::CitizenFilter f);
  StatusOr<StaffView> Get(const accounts::Actor& actor, int64_t id);
  StatusOr<store::CitizenRequest> Reply(const accounts::Actor& actor, int64_t id,
                                        std::optional<int64_t> version, const std::string& body);
  StatusOr<store::CitizenRequest> Note(const accounts::Actor& actor, int64_t id, const std::string& body);
  StatusOr<store::CitizenRequest> Assign(const accounts::Actor& actor, int64_t id,
                                         std::optional<int64_t> version, std::optional<int64_t> user_id);
  StatusOr<store::CitizenRequest> Transfer(const accounts::Actor& actor, int64_t id,
                                           std::optional<int64_t> version, int64_t agency_id,
                                           const std::string& reason);
  StatusOr<store::CitizenRequest> Close(const accounts::Actor& actor, int64_t id,
                                        std::optional<int64_t> version, const std::string& outcome,
                                        const std::string& note);
  // Merges `duplicates` into `id`: they become 'merged' and show the main request's answers.
  StatusOr<store::CitizenRequest> Merge(const accounts::Actor& actor, int64_t id,
                                        const std::vector<int64_t>& duplicates);
  // The bytes of an attachment (audited).
  StatusOr<std::pair<store::CitizenAttachment, std::string>> Attachment(const accounts::Actor& actor,
                                                                        int64_t id, int64_t attachment_id);

  StatusOr<std::vector<store::ReplyTemplate>> Templates(const accounts::Actor& actor);
  StatusOr<store::ReplyTemplate> AddTemplate(const accounts::Actor& actor, std::optional<int64_t> agency_id,
                                             const std::string& title, const std::string& body);

  StatusOr<RoutingInfo> Routing(const accounts::Actor& actor);
  StatusOr<store::RoutingRule> AddRule(const accounts::Actor& actor, int64_t agency_id,
                                       const std::string& keywords, const std::string& types,
                                       int64_t priority);
  Status DeleteRule(const accounts::Actor& actor, int64_t rule_id);
  StatusOr<RoutingInfo> Retrain(const accounts::Actor& actor);

  StatusOr<std::vector<store::CsatRow>> Csat(const accounts::Actor& actor);
  // SLA targets of the served council (council desk only). Setting one replaces the target of the same
  // (agency, type) pair; it applies to requests routed, transferred or reopened from then on.
  StatusOr<std::vector<store::SlaTarget>> SlaTargets(const accounts::Actor& actor);
  StatusOr<std::vector<store::SlaTarget>> SetSlaTarget(const accounts::Actor& actor,
                                                       std::optional<int64_t> agency_id,
                                                       std::optional<std::string> type,
                                                       int64_t first_response_minutes,
                                                       int64_t resolve_minutes);
  // Privacy: every request filed with this mobile (export), and their erasure.
  StatusOr<PersonalData> Export(const accounts::Actor& actor, const std::string& mobile);
  StatusOr<int64_t> Erase(const accounts::Actor& actor, const std::string& mobile);

  // --- system ---
  // Loads the stored routing models and rules of every council into the router.
  Status LoadRouting();
  // Trains the council's model from its requests plus `seed` (slug-labelled), stores and installs it.
  StatusOr<RoutingInfo> TrainCouncil(int64_t council_id, const std::vector<LabelledRequest>& seed);
  // One pass of the SLA check: warnings and escalations (events + notifications). Returns actions taken.
  StatusOr<int64_t> CheckSla();
  // The SMS job: sends the message `kind` ("tracking", "reply", "closed") of request `id`.
  Status SendRequestSms(int64_t id, const std::string& kind);
  // For `pol demo`: a request filed and verified as if by a citizen (no rate limits).
  StatusOr<store::CitizenRequest> DemoSubmit(const SubmitInput& in);

  // Before serving (not thread-safe with concurrent requests): the messenger's hooks.
  void SetChangeHook(RequestChangeHook hook) { change_hook_ = std::move(hook); }
  void SetErasedHook(RequestsErasedHook hook) { erased_hook_ = std::move(hook); }
  void SetExportHook(ExportHook hook) { export_hook_ = std::move(hook); }

  const RequestOptions& options() const { return options_; }
  const text::WorkCalendar& calendar() const { return calendar_; }

 private:
  // What a change of a request works with: the transaction, its time, the audit row's detail.
  struct Edit {
    store::Conn& c;
    const int64_t now;
    nlohmann::json detail = nlohmann::json::object();
  };
  // Checks the state, changes the request and adds its history events (and fills the audit detail).
  using Mutator = std::function<Status(Edit&, store::CitizenRequest&)>;
  struct ValidSubmission;

  StatusOr<int64_t> ServedCouncil() EXCLUDES(council_mu_);
  StatusOr<std::vector<int64_t>> CouncilAgencies(store::Conn& c, int64_t council_id);
  StatusOr<store::CitizenRequest> Load(store::Conn& c, int64_t id);
  // NotFound unless the actor may handle the request (unverified requests are nobody's yet).
  Status CheckHandle(const accounts::Actor& actor, const store::CitizenRequest& r) const;

  // The one write path of a request, inside a write transaction: `fn`, then the row (optimistic
  // version check; version and updated_at advance) and the audit row `action`.
  Status Apply(store::Conn& c, const accounts::Actor& actor, store::CitizenRequest& r,
               const std::string& action, int64_t now, const Mutator& fn);
  // Staff casework: one transaction of load → check scope → check `version` → Apply; wakes the job
  // queue after the commit (messages to send, retraining).
  StatusOr<store::CitizenRequest> Change(const accounts::Actor& actor, int64_t id,
                                         std::optional<int64_t> version, const std::string& action,
                                         const Mutator& fn);
  // A citizen's change by tracking code (rating, reopening): find → Apply, audited as the system from
  // `ip` → the citizen's view.
  StatusOr<CitizenView> ChangeByCode(const std::string& tracking_code, const std::string& ip,
                                     const std::string& action, const Mutator& fn);

  StatusOr<ValidSubmission> Validate(const SubmitInput& in) const;
  Status Insert(store::Conn& c, const SubmitInput& in, const ValidSubmission& v, store::CitizenRequest& r,
                const std::string& otp);
  // Routes a verified request inside a write transaction (state, agency, deadlines, duplicate, event).
  Status RouteIn(store::Conn& c, store::CitizenRequest& r, int64_t now);
  Status FindDuplicate(store::Conn& c, store::CitizenRequest& r, const std::vector<int64_t>& bands,
                       int64_t now);
  Status StartSla(store::Conn& c, store::CitizenRequest& r, int64_t now);
  Status EnqueueSms(store::Conn& c, int64_t id, const std::string& kind, int64_t now);
  // Inside the transaction that stores a one-time code: no provider, the global hourly budget, the
  // mobile's daily cap and (for a resend) its back-off; records the send in the ledger.
  Status ReserveOtpSend(store::Conn& c, const std::string& mobile, int64_t now, bool resend);
  // After a code was refused for the budget: tells the council desk once an hour (notifications).
  void RaiseBudgetAlert(int64_t now);
  // Returns `s`, after raising the budget alert when it is the budget's refusal.
  Status AfterReserve(const Status& s, int64_t now);
  std::string NewOtp() const;
  void PostOtp(const std::string& mobile, const std::string& otp);
  StatusOr<CitizenView> MakeView(store::Conn& c, const store::CitizenRequest& r);
  void ScheduleRetrain(store::Conn& c, int64_t council_id, int64_t now);
  // One request's SLA step inside a write transaction; true when an action was taken.
  StatusOr<bool> SweepOne(store::Conn& c, int64_t id, int64_t now);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  SmsProvider* const sms_;
  SmsOutbox* const outbox_;
  Router* const router_;
  const RequestOptions options_;
  text::WorkCalendar calendar_;
  RateLimiter limiter_;
  AttachmentStore attachments_;
  GroupCommit group_commit_;

  RequestChangeHook change_hook_;
  RequestsErasedHook erased_hook_;
  ExportHook export_hook_;

  Mutex council_mu_;
  std::optional<int64_t> council_id_ GUARDED_BY(council_mu_);
};

// Registers the SMS and retraining job handlers.
Status RegisterCitizenJobs(jobs::WorkerPool& pool, RequestService* service);

}  // namespace pol::citizen
