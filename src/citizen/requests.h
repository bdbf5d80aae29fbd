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
// Thread-safety: thread-safe; blocks on the database (worker threads only).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "accounts/actor.h"
#include "base/env.h"
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

// The request types, in form order: code and Persian name.
struct RequestType {
  const char* code;
  const char* name;
};
const std::vector<RequestType>& RequestTypes();
std::string TypeName(const std::string& code);
std::string StateName(const std::string& state);
// "0912***6789".
std::string MaskMobile(const std::string& mobile);

struct Upload {
  std::string filename, data;
};

struct SubmitInput {
  std::string type, subject, text, agency, name, mobile, national_code;
  std::vector<Upload> files;
  std::string ip;
  bool skip_limits = false;  // the demo loader only
};

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

// Reads a labelled set (JSON lines: {"agency": slug, "type", "subject", "text"}).
struct LabelledRequest {
  std::string agency, type, subject, text;
};
std::vector<LabelledRequest> ParseLabelledSet(std::string_view jsonl);
// The labelled set shipped with Pol (tests/data/citizen-requests.jsonl, compiled in).
std::string_view ShippedLabelledSet();

class RateLimiter {
 public:
  // True when another event under `key` fits in `limit` per `window_ms` (and records it).
  bool Allow(const std::string& key, int64_t limit, int64_t window_ms, int64_t now);
  // Counts without recording.
  int64_t Count(const std::string& key, int64_t window_ms, int64_t now);
  void Record(const std::string& key, int64_t now);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> events_;  // GUARDED_BY(mu_)
  int64_t last_sweep_ = 0;                                       // GUARDED_BY(mu_)
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
  StatusOr<store::CitizenRequest> PublicStatus(const std::string& tracking_code);
  StatusOr<std::vector<store::CitizenRequest>> PublicStatuses(const std::vector<std::string>& codes);
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
  StatusOr<nlohmann::json> Export(const accounts::Actor& actor, const std::string& mobile);
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

  const RequestOptions& options() const { return options_; }
  const text::WorkCalendar& calendar() const { return calendar_; }

 private:
  struct Group;
  StatusOr<int64_t> ServedCouncil();
  Status GroupCommit(const std::function<Status(store::Conn&)>& fn);
  StatusOr<store::CitizenRequest> Load(store::Conn& c, int64_t id);
  Status CheckHandle(const accounts::Actor& actor, const store::CitizenRequest& r) const;
  // Routes a verified request inside a write transaction (state, agency, deadlines, event).
  Status RouteIn(store::Conn& c, store::CitizenRequest& r, int64_t now);
  Status StartSla(store::Conn& c, store::CitizenRequest& r, int64_t now);
  Status Persist(store::Conn& c, const accounts::Actor& actor, store::CitizenRequest& r,
                 const std::string& action, int64_t now,
                 const nlohmann::json& detail = nlohmann::json::object());
  Status EnqueueSms(store::Conn& c, int64_t id, const std::string& kind, int64_t now);
  StatusOr<CitizenView> MakeView(store::Conn& c, const store::CitizenRequest& r);
  StatusOr<std::vector<int64_t>> CouncilAgencies(store::Conn& c, int64_t council_id);
  std::vector<int64_t> DuplicateBands(const std::string& signature_hex) const;
  std::string StoreFile(const std::string& sha256, const std::string& data, Status* status) const;
  void ScheduleRetrain(store::Conn& c, int64_t council_id, int64_t now);

  store::Database* const db_;
  Env* const env_;
  jobs::Queue* const queue_;
  SmsProvider* const sms_;
  SmsOutbox* const outbox_;
  Router* const router_;
  const RequestOptions options_;
  text::WorkCalendar calendar_;
  RateLimiter limiter_;

  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::vector<Group*> group_pending_;  // GUARDED_BY(group_mu_)
  bool group_leader_ = false;          // GUARDED_BY(group_mu_)
  std::mutex council_mu_;
  std::optional<int64_t> council_id_;  // GUARDED_BY(council_mu_)
};

// Registers the SMS and retraining job handlers.
Status RegisterCitizenJobs(jobs::WorkerPool& pool, RequestService* service);

}  // namespace pol::citizen
