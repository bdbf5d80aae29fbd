// SQL for the two-way channel with citizens (src/citizen): requests, their
// history (events), attachments' metadata, one-time codes, LSH band keys of the
// text fingerprints, SLA targets, reply templates, routing rules and the stored
// routing model.
//
// The SQL is portable (store/db.h): no SQLite-only idioms, so the PostgreSQL backend runs it as is.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct CitizenRequest {
  int64_t id = 0, council_id = 0;
  std::string tracking_code, type, subject, text;
  std::optional<int64_t> chosen_agency_id, agency_id;
  std::string state;  // unverified, triage, open, answered, closed, merged
  std::optional<int64_t> assignee_id;
  std::string name, mobile, national_code;
  bool verified = false;
  std::string route_source;  // citizen, rule, model, triage, staff
  double route_confidence = 0;
  std::optional<int64_t> routed_at, first_response_due, resolve_due, first_response_at, closed_at;
  std::string outcome;
  std::optional<int64_t> csat;
  std::string csat_comment;
  std::optional<int64_t> rated_at;
  int64_t reopen_count = 0;
  std::optional<int64_t> duplicate_of, merged_into;
  int64_t escalation = 0;       // 0 none, 1 agency manager, 2 council
  int64_t warned = 0;           // 1 once the before-deadline warning went out
  std::string signature;        // MinHash signature, hex
  bool training_label = false;  // the agency was decided by staff (a training example)
  bool erased = false;
  std::string ip;
  std::string channel = "web";  // web, telegram, bale (the messenger bots), open311 is web
  int64_t version = 1, created_at = 0, updated_at = 0;
  // Joined for lists and views.
  std::string agency_name, assignee_name;
  int64_t duplicates = 0;  // how many requests name this one as duplicate_of
};

struct RequestEvent {
  int64_t id = 0, request_id = 0, at = 0;
  std::string kind;
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::optional<int64_t> agency_id;
  bool is_public = false;
  std::string body, detail = "{}";
};

struct CitizenAttachment {
  int64_t id = 0, request_id = 0;
  std::string name, mime;
  int64_t size = 0;
  std::string sha256;
  int64_t created_at = 0;
};

struct CitizenFilter {
  // Authorization scope: requests of these agencies, or of these councils (triage desk); nullopt = all.
  std::optional<std::vector<int64_t>> only_agencies, only_councils;
  std::optional<int64_t> agency_id;
  std::optional<std::string> state;
  bool overdue = false;  // open/answered/triage with resolve_due < now
  int64_t now = 0;
  bool include_unverified = false;
  int64_t limit = 50, offset = 0;
};

StatusOr<int64_t> InsertCitizenRequest(Conn& c, const CitizenRequest& r);
StatusOr<std::optional<CitizenRequest>> GetCitizenRequest(Conn& c, int64_t id);
StatusOr<std::optional<CitizenRequest>> FindCitizenRequestByCode(Conn& c, const std::string& tracking_code);
// Only what the public status shows (no text, no personal data, no joins but the agency's name): the
// fast path of status lookups. Fields not selected keep their defaults.
StatusOr<std::optional<CitizenRequest>> FindCitizenRequestStatus(Conn& c, const std::string& tracking_code);
// Writes every mutable column when `version` matches (and bumps it); version_conflict otherwise.
Status UpdateCitizenRequest(Conn& c, const CitizenRequest& r, int64_t now);
StatusOr<std::pair<std::vector<CitizenRequest>, int64_t>> ListCitizenRequests(Conn& c,
                                                                              const CitizenFilter& f);
StatusOr<std::vector<CitizenRequest>> CitizenRequestsByMobile(Conn& c, const std::string& mobile);
// Requests naming `id` as duplicate_of (not merged yet).
StatusOr<std::vector<int64_t>> DuplicatesOf(Conn& c, int64_t id);
// Requests past a deadline or near it, for the SLA check: open, answered or triage with a resolve_due.
StatusOr<std::vector<CitizenRequest>> ActiveRequestsDueBefore(Conn& c, int64_t t);
// Verified requests whose agency was set by staff or that were closed there (routing training data).
struct TrainingRow {
  std::string subject, text;
  int64_t agency_id = 0;
};
StatusOr<std::vector<TrainingRow>> RoutingTrainingRows(Conn& c, int64_t council_id);
// Requests sharing a band key, created at or after `since`, excluding `self`.
StatusOr<std::vector<int64_t>> RequestsWithBands(Conn& c, const std::vector<int64_t>& band_keys,
                                                 int64_t since, int64_t self);
Status InsertRequestBands(Conn& c, int64_t request_id, const std::vector<int64_t>& band_keys, int64_t now);

// Conn::ExecLater: on PostgreSQL sent with the next statement; a failure fails the transaction.
Status InsertRequestEvent(Conn& c, const RequestEvent& e);
StatusOr<std::vector<RequestEvent>> ListRequestEvents(Conn& c, int64_t request_id, bool public_only);

StatusOr<int64_t> InsertCitizenAttachment(Conn& c, const CitizenAttachment& a);
StatusOr<std::vector<CitizenAttachment>> ListCitizenAttachments(Conn& c, int64_t request_id);
StatusOr<std::optional<CitizenAttachment>> GetCitizenAttachment(Conn& c, int64_t request_id, int64_t id);
Status DeleteCitizenAttachments(Conn& c, int64_t request_id);
// How many attachment rows name this file (0: the file may go).
StatusOr<int64_t> CountAttachmentsWithSha(Conn& c, const std::string& sha256);
// Erasure: replaces the citizen's own words in a request's history (the reasons given on reopening).
Status RedactCitizenWords(Conn& c, int64_t request_id);

// Runs `fn` inside a savepoint of the caller's transaction: when `fn` fails, its writes are rolled
// back and the transaction goes on (group commit: one submission's failure spares the others). The
// outcome holds `fn`'s status; an error of the savepoint statements themselves is the returned error.
struct SavepointOutcome {
  Status status;  // fn's
};
StatusOr<SavepointOutcome> InSavepoint(Conn& c, const std::function<Status(Conn&)>& fn);

struct Otp {
  int64_t id = 0, request_id = 0;
  std::string code_hash;
  int64_t attempts = 0, expires_at = 0;
  std::optional<int64_t> used_at;
  int64_t created_at = 0;
};
// Conn::ExecLater: on PostgreSQL sent with the next statement; a failure fails the transaction.
Status InsertOtp(Conn& c, const Otp& o);
// The newest one-time code of a request.
StatusOr<std::optional<Otp>> LatestOtp(Conn& c, int64_t request_id);
Status UpdateOtp(Conn& c, const Otp& o);
StatusOr<int64_t> CountOtps(Conn& c, int64_t request_id);

// The ledger of one-time codes sent (migration 15), across requests: kind kSmsSendOtp per code, and
// kSmsSendBudgetAlert (mobile "") once the global budget ran out and staff were told.
inline constexpr const char* kSmsSendOtp = "otp";
inline constexpr const char* kSmsSendBudgetAlert = "budget_alert";
struct SmsSendStats {
  int64_t count = 0;               // rows since the time asked
  std::optional<int64_t> last_at;  // the newest of them
};
// Rows of `kind` since `since`; for one mobile, or all mobiles when `mobile` is empty.
StatusOr<SmsSendStats> SmsSendsSince(Conn& c, const std::string& kind, const std::string& mobile,
                                     int64_t since);
// How long the ledger keeps a row: the limits look back a day at most.
inline constexpr int64_t kSmsSendKeepMs = 2LL * 86'400'000;
// Conn::ExecLater: on PostgreSQL sent with the next statement; a failure fails the transaction.
Status InsertSmsSend(Conn& c, const std::string& kind, const std::string& mobile, int64_t now);
// Deletes the rows older than `before` (housekeeping, hourly; not on the submission's path); how many.
StatusOr<int64_t> PruneSmsSends(Conn& c, int64_t before);
Status DeleteSmsSendsOf(Conn& c, const std::string& mobile);
// Erasure: the client address a request was filed from.
Status BlankCitizenRequestAddress(Conn& c, int64_t request_id);

struct SlaTarget {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;
  std::optional<std::string> type;
  int64_t first_response_minutes = 0, resolve_minutes = 0;
};
StatusOr<std::vector<SlaTarget>> ListSlaTargets(Conn& c, int64_t council_id);
Status UpsertSlaTarget(Conn& c, const SlaTarget& t, int64_t now);

struct ReplyTemplate {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;
  std::string title, body;
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertReplyTemplate(Conn& c, const ReplyTemplate& t);
// The council-wide templates and those of these agencies (nullopt: all).
StatusOr<std::vector<ReplyTemplate>> ListReplyTemplates(Conn& c, int64_t council_id,
                                                        const std::optional<std::vector<int64_t>>& agencies);

struct RoutingRule {
  int64_t id = 0, council_id = 0, agency_id = 0;
  std::string keywords, types;  // space-separated search terms; comma-separated types
  int64_t priority = 0;
  std::optional<int64_t> created_by;
  int64_t created_at = 0;
};
StatusOr<int64_t> InsertRoutingRule(Conn& c, const RoutingRule& r);
StatusOr<std::vector<RoutingRule>> ListRoutingRules(Conn& c, int64_t council_id);
StatusOr<std::optional<RoutingRule>> GetRoutingRule(Conn& c, int64_t id);
Status DeleteRoutingRule(Conn& c, int64_t id);

struct RoutingModelRow {
  int64_t council_id = 0;
  std::string model;  // JSON
  int64_t samples = 0, held_out = 0;
  double accuracy = 0;
  int64_t trained_at = 0;
};
Status SaveRoutingModel(Conn& c, const RoutingModelRow& m);
StatusOr<std::optional<RoutingModelRow>> LoadRoutingModel(Conn& c, int64_t council_id);

struct CsatRow {
  int64_t agency_id = 0;
  std::string agency_name;
  int64_t rated = 0, closed = 0, open = 0, overdue = 0;
  double average = 0;
  std::vector<int64_t> distribution;  // counts of 1..5
};
StatusOr<std::vector<CsatRow>> CsatByAgency(Conn& c, int64_t council_id, int64_t now);

}  // namespace pol::store
