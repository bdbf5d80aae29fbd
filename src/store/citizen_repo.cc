#include "store/citizen_repo.h"

#include "store/council_repo.h"
#include "store/model_version_repo.h"

namespace pol::store {
namespace {

constexpr const char* kCols =
    "r.id, r.council_id, r.tracking_code, r.type, r.subject, r.text, r.chosen_agency_id, r.agency_id, r.state, "
    "r.assignee_id, r.name, r.mobile, r.national_code, r.verified, r.route_source, r.route_confidence, r.routed_at, "
    "r.first_response_due, r.resolve_due, r.first_response_at, r.closed_at, r.outcome, r.csat, r.csat_comment, "
    "r.rated_at, r.reopen_count, r.duplicate_of, r.merged_into, r.escalation, r.warned, r.signature, "
    "r.training_label, r.erased, r.ip, r.version, r.created_at, r.updated_at, "
    "COALESCE(a.short_name, ''), COALESCE(u.name, ''), "
    "(SELECT COUNT(*) FROM citizen_requests d WHERE d.duplicate_of = r.id AND d.merged_into IS NULL), r.channel";
constexpr const char* kFrom =
    " FROM citizen_requests r LEFT JOIN agencies a ON a.id = r.agency_id LEFT JOIN users u ON u.id = r.assignee_id";

CitizenRequest FromRow(const Row& w) {
  CitizenRequest r;
  size_t i = 0;
  r.id = w.Int(i++);
  r.council_id = w.Int(i++);
  r.tracking_code = w.Text(i++);
  r.type = w.Text(i++);
  r.subject = w.Text(i++);
  r.text = w.Text(i++);
  r.chosen_agency_id = w.OptInt(i++);
  r.agency_id = w.OptInt(i++);
  r.state = w.Text(i++);
  r.assignee_id = w.OptInt(i++);
  r.name = w.Text(i++);
  r.mobile = w.Text(i++);
  r.national_code = w.Text(i++);
  r.verified = w.Int(i++) != 0;
  r.route_source = w.Text(i++);
  r.route_confidence = w.Real(i++);
  r.routed_at = w.OptInt(i++);
  r.first_response_due = w.OptInt(i++);
  r.resolve_due = w.OptInt(i++);
  r.first_response_at = w.OptInt(i++);
  r.closed_at = w.OptInt(i++);
  r.outcome = w.Text(i++);
  r.csat = w.OptInt(i++);
  r.csat_comment = w.Text(i++);
  r.rated_at = w.OptInt(i++);
  r.reopen_count = w.Int(i++);
  r.duplicate_of = w.OptInt(i++);
  r.merged_into = w.OptInt(i++);
  r.escalation = w.Int(i++);
  r.warned = w.Int(i++);
  r.signature = w.Text(i++);
  r.training_label = w.Int(i++) != 0;
  r.erased = w.Int(i++) != 0;
  r.ip = w.Text(i++);
  r.version = w.Int(i++);
  r.created_at = w.Int(i++);
  r.updated_at = w.Int(i++);
  r.agency_name = w.Text(i++);
  r.assignee_name = w.Text(i++);
  r.duplicates = w.Int(i++);
  r.channel = w.Text(i++);
  return r;
}

StatusOr<std::optional<CitizenRequest>> One(Conn& c, const std::string& where, const Params& p) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kCols + kFrom + " WHERE " + where, p));
  if (!row) return std::optional<CitizenRequest>();
  return std::optional<CitizenRequest>(FromRow(*row));
}

}  // namespace

StatusOr<int64_t> InsertCitizenRequest(Conn& c, const CitizenRequest& r) {
  POL_ASSIGN_OR_RETURN(
      Row row,
      c.QueryOne(
          "INSERT INTO citizen_requests(council_id, tracking_code, type, subject, text, chosen_agency_id, "
          "agency_id, state, name, mobile, national_code, verified, signature, ip, channel, version, created_at, "
          "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
          {r.council_id, r.tracking_code, r.type, r.subject, r.text, Opt(r.chosen_agency_id),
           Opt(r.agency_id), r.state, r.name, r.mobile, r.national_code, int64_t{r.verified}, r.signature,
           r.ip, r.channel, r.created_at, r.created_at}));
  return row.Int(0);
}

StatusOr<std::optional<CitizenRequest>> GetCitizenRequest(Conn& c, int64_t id) {
  return One(c, "r.id = ?", {id});
}

StatusOr<std::optional<CitizenRequest>> FindCitizenRequestByCode(Conn& c, const std::string& code) {
  return One(c, "r.tracking_code = ?", {code});
}

StatusOr<std::optional<CitizenRequest>> FindCitizenRequestStatus(Conn& c, const std::string& code) {
  POL_ASSIGN_OR_RETURN(auto w,
                       c.QueryOpt("SELECT r.id, r.tracking_code, r.type, r.state, r.agency_id, r.verified, "
                                  "r.erased, r.resolve_due, r.created_at, r.updated_at, "
                                  "COALESCE(a.short_name, '') FROM citizen_requests r LEFT JOIN agencies a "
                                  "ON a.id = r.agency_id WHERE r.tracking_code = ?",
                                  {code}));
  if (!w) return std::optional<CitizenRequest>();
  CitizenRequest r;
  r.id = w->Int(0);
  r.tracking_code = w->Text(1);
  r.type = w->Text(2);
  r.state = w->Text(3);
  r.agency_id = w->OptInt(4);
  r.verified = w->Int(5) != 0;
  r.erased = w->Int(6) != 0;
  r.resolve_due = w->OptInt(7);
  r.created_at = w->Int(8);
  r.updated_at = w->Int(9);
  r.agency_name = w->Text(10);
  return std::optional<CitizenRequest>(std::move(r));
}

Status UpdateCitizenRequest(Conn& c, const CitizenRequest& r, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec(
          "UPDATE citizen_requests SET subject = ?, text = ?, agency_id = ?, state = ?, assignee_id = ?, name = ?, "
          "mobile = ?, national_code = ?, verified = ?, route_source = ?, route_confidence = ?, routed_at = ?, "
          "first_response_due = ?, resolve_due = ?, first_response_at = ?, closed_at = ?, outcome = ?, csat = ?, "
          "csat_comment = ?, rated_at = ?, reopen_count = ?, duplicate_of = ?, merged_into = ?, escalation = ?, "
          "warned = ?, signature = ?, training_label = ?, erased = ?, version = version + 1, updated_at = ? "
          "WHERE id = ? AND version = ?",
          {r.subject,
           r.text,
           Opt(r.agency_id),
           r.state,
           Opt(r.assignee_id),
           r.name,
           r.mobile,
           r.national_code,
           int64_t{r.verified},
           r.route_source,
           r.route_confidence,
           Opt(r.routed_at),
           Opt(r.first_response_due),
           Opt(r.resolve_due),
           Opt(r.first_response_at),
           Opt(r.closed_at),
           r.outcome,
           Opt(r.csat),
           r.csat_comment,
           Opt(r.rated_at),
           r.reopen_count,
           Opt(r.duplicate_of),
           Opt(r.merged_into),
           r.escalation,
           r.warned,
           r.signature,
           int64_t{r.training_label},
           int64_t{r.erased},
           now,
           r.id,
           r.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

namespace {

// " WHERE a AND b …" of a list's filter ("" when there is none).
std::string ListWhere(const CitizenFilter& f, Params& p) {
  std::vector<std::string> cond;
  if (!f.include_unverified) cond.push_back("r.state <> 'unverified'");
  if (f.only_agencies || f.only_councils) {
    std::vector<std::string> any;
    if (f.only_agencies) any.push_back("r.agency_id IN " + InList(*f.only_agencies, p));
    if (f.only_councils) any.push_back("r.council_id IN " + InList(*f.only_councils, p));
    cond.push_back(any.size() == 1 ? any[0] : "(" + any[0] + " OR " + any[1] + ")");
  }
  if (f.agency_id) {
    cond.push_back("r.agency_id = ?");
    p.emplace_back(*f.agency_id);
  }
  if (f.state) {
    cond.push_back("r.state = ?");
    p.emplace_back(*f.state);
  }
  if (f.overdue) {
    cond.push_back("r.state IN ('triage','open','answered') AND r.resolve_due < ?");
    p.emplace_back(f.now);
  }
  std::string where;
  for (size_t i = 0; i < cond.size(); ++i) where += (i ? " AND " : " WHERE ") + cond[i];
  return where;
}

}  // namespace

StatusOr<std::pair<std::vector<CitizenRequest>, int64_t>> ListCitizenRequests(Conn& c,
                                                                              const CitizenFilter& f) {
  Params p;
  const std::string where = ListWhere(f, p);
  Params count_params = p;
  POL_ASSIGN_OR_RETURN(Row total,
                       c.QueryOne("SELECT COUNT(*) FROM citizen_requests r" + where, count_params));
  p.emplace_back(f.limit);
  p.emplace_back(f.offset);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols + kFrom + where +
                                              " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?",
                                          p));
  std::vector<CitizenRequest> out;
  for (const Row& w : rows) out.push_back(FromRow(w));
  return std::make_pair(std::move(out), total.Int(0));
}

StatusOr<std::vector<CitizenRequest>> CitizenRequestsByMobile(Conn& c, const std::string& mobile) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT ") + kCols + kFrom + " WHERE r.mobile = ? ORDER BY r.id", {mobile}));
  std::vector<CitizenRequest> out;
  for (const Row& w : rows) out.push_back(FromRow(w));
  return out;
}

StatusOr<std::vector<int64_t>> DuplicatesOf(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT id FROM citizen_requests WHERE duplicate_of = ? AND merged_into IS "
                               "NULL ORDER BY id",
                               {id}));
  std::vector<int64_t> out;
  for (const Row& w : rows) out.push_back(w.Int(0));
  return out;
}

StatusOr<std::vector<CitizenRequest>> ActiveRequestsDueBefore(Conn& c, int64_t t) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kCols + kFrom +
                                              " WHERE r.state IN ('triage','open','answered') AND "
                                              "(r.resolve_due < ? OR r.first_response_due < ?) ORDER BY r.id",
                                          {t, t}));
  std::vector<CitizenRequest> out;
  for (const Row& w : rows) out.push_back(FromRow(w));
  return out;
}

StatusOr<std::vector<TrainingRow>> RoutingTrainingRows(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT subject, text, agency_id FROM citizen_requests WHERE council_id = ? "
                               "AND agency_id IS NOT NULL AND erased = 0 AND merged_into IS NULL AND "
                               "(training_label = 1 OR state = 'closed') ORDER BY id",
                               {council_id}));
  std::vector<TrainingRow> out;
  for (const Row& w : rows) out.push_back({w.Text(0), w.Text(1), w.Int(2)});
  return out;
}

StatusOr<std::vector<int64_t>> RequestsWithBands(Conn& c, const std::vector<int64_t>& band_keys,
                                                 int64_t since, int64_t self) {
  if (band_keys.empty()) return std::vector<int64_t>();
  Params p;
  std::string in = InList(band_keys, p);
  p.emplace_back(since);
  p.emplace_back(self);
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query("SELECT DISTINCT request_id FROM citizen_request_bands WHERE band_key IN " + in +
                             " AND created_at >= ? AND request_id <> ? ORDER BY request_id "
                             "LIMIT 200",
                         p));
  std::vector<int64_t> out;
  for (const Row& w : rows) out.push_back(w.Int(0));
  return out;
}

Status InsertRequestBands(Conn& c, int64_t request_id, const std::vector<int64_t>& band_keys, int64_t now) {
  for (int64_t k : band_keys) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO citizen_request_bands(band_key, request_id, created_at) VALUES (?,?,?)",
               {k, request_id, now})
            .status());
  }
  return Status::Ok();
}

Status InsertRequestEvent(Conn& c, const RequestEvent& e) {
  return c.ExecLater(
      "INSERT INTO request_events(request_id, at, kind, actor_id, actor_name, agency_id, public, body, detail) "
      "VALUES (?,?,?,?,?,?,?,?,?)",
      {e.request_id, e.at, e.kind, Opt(e.actor_id), e.actor_name, Opt(e.agency_id), int64_t{e.is_public},
       e.body, e.detail});
}

StatusOr<std::vector<RequestEvent>> ListRequestEvents(Conn& c, int64_t request_id, bool public_only) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(std::string("SELECT id, request_id, at, kind, actor_id, actor_name, agency_id, public, "
                          "body, detail FROM request_events WHERE request_id = ?") +
                  (public_only ? " AND public = 1" : "") + " ORDER BY id",
              {request_id}));
  std::vector<RequestEvent> out;
  for (const Row& w : rows) {
    out.push_back({w.Int(0), w.Int(1), w.Int(2), w.Text(3), w.OptInt(4), w.Text(5), w.OptInt(6),
                   w.Int(7) != 0, w.Text(8), w.Text(9)});
  }
  return out;
}

StatusOr<int64_t> InsertCitizenAttachment(Conn& c, const CitizenAttachment& a) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("INSERT INTO citizen_attachments(request_id, name, mime, size, sha256, "
                                  "created_at) VALUES (?,?,?,?,?,?) RETURNING id",
                                  {a.request_id, a.name, a.mime, a.size, a.sha256, a.created_at}));
  return row.Int(0);
}

StatusOr<std::vector<CitizenAttachment>> ListCitizenAttachments(Conn& c, int64_t request_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, request_id, name, mime, size, sha256, created_at FROM "
                                          "citizen_attachments WHERE request_id = ? ORDER BY id",
                                          {request_id}));
  std::vector<CitizenAttachment> out;
  for (const Row& w : rows)
    out.push_back({w.Int(0), w.Int(1), w.Text(2), w.Text(3), w.Int(4), w.Text(5), w.Int(6)});
  return out;
}

StatusOr<std::optional<CitizenAttachment>> GetCitizenAttachment(Conn& c, int64_t request_id, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto w, c.QueryOpt("SELECT id, request_id, name, mime, size, sha256, created_at FROM "
                                          "citizen_attachments WHERE request_id = ? AND id = ?",
                                          {request_id, id}));
  if (!w) return std::optional<CitizenAttachment>();
  return std::optional<CitizenAttachment>(
      CitizenAttachment{w->Int(0), w->Int(1), w->Text(2), w->Text(3), w->Int(4), w->Text(5), w->Int(6)});
}

Status DeleteCitizenAttachments(Conn& c, int64_t request_id) {
  return c.Exec("DELETE FROM citizen_attachments WHERE request_id = ?", {request_id}).status();
}

StatusOr<int64_t> CountAttachmentsWithSha(Conn& c, const std::string& sha256) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("SELECT COUNT(*) FROM citizen_attachments WHERE sha256 = ?", {sha256}));
  return row.Int(0);
}

Status RedactCitizenWords(Conn& c, int64_t request_id) {
  return c
      .Exec("UPDATE request_events SET body = '[حذف شد]' WHERE request_id = ? AND kind IN ('reopened')",
            {request_id})
      .status();
}

StatusOr<SavepointOutcome> InSavepoint(Conn& c, const std::function<Status(Conn&)>& fn) {
  POL_RETURN_IF_ERROR(c.ExecLater("SAVEPOINT pol_group"));  // goes with fn's first statement
  SavepointOutcome out{fn(c)};
  if (!out.status.ok()) POL_RETURN_IF_ERROR(c.Exec("ROLLBACK TO SAVEPOINT pol_group").status());
  POL_RETURN_IF_ERROR(c.Exec("RELEASE SAVEPOINT pol_group").status());
  return out;
}

Status InsertOtp(Conn& c, const Otp& o) {
  return c.ExecLater(
      "INSERT INTO citizen_otps(request_id, code_hash, attempts, expires_at, created_at) VALUES (?,?,0,?,?)",
      {o.request_id, o.code_hash, o.expires_at, o.created_at});
}

StatusOr<std::optional<Otp>> LatestOtp(Conn& c, int64_t request_id) {
  POL_ASSIGN_OR_RETURN(
      auto w, c.QueryOpt("SELECT id, request_id, code_hash, attempts, expires_at, used_at, created_at "
                         "FROM citizen_otps WHERE request_id = ? ORDER BY id DESC LIMIT 1",
                         {request_id}));
  if (!w) return std::optional<Otp>();
  return std::optional<Otp>(
      Otp{w->Int(0), w->Int(1), w->Text(2), w->Int(3), w->Int(4), w->OptInt(5), w->Int(6)});
}

Status UpdateOtp(Conn& c, const Otp& o) {
  return c
      .Exec("UPDATE citizen_otps SET attempts = ?, used_at = ? WHERE id = ?",
            {o.attempts, Opt(o.used_at), o.id})
      .status();
}

StatusOr<int64_t> CountOtps(Conn& c, int64_t request_id) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COUNT(*) FROM citizen_otps WHERE request_id = ?", {request_id}));
  return r.Int(0);
}

StatusOr<SmsSendStats> SmsSendsSince(Conn& c, const std::string& kind, const std::string& mobile,
                                     int64_t since) {
  // One mobile's sends: `kind || ''` keeps the planner off the (kind, created_at) index, which would walk
  // every code of the day instead of the mobile's few (SQLite chose it without statistics).
  std::string sql =
      mobile.empty()
          ? "SELECT COUNT(*), MAX(created_at) FROM citizen_sms_sends WHERE kind = ? AND created_at >= ?"
          : "SELECT COUNT(*), MAX(created_at) FROM citizen_sms_sends WHERE mobile = ? AND created_at >= "
            "? AND kind || '' = ?";
  Params params = mobile.empty() ? Params{kind, since} : Params{mobile, since, kind};
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne(sql, params));
  return SmsSendStats{.count = r.Int(0), .last_at = r.OptInt(1)};
}

Status InsertSmsSend(Conn& c, const std::string& kind, const std::string& mobile, int64_t now) {
  return c.ExecLater("INSERT INTO citizen_sms_sends(mobile, kind, created_at) VALUES (?,?,?)",
                     {mobile, kind, now});
}

StatusOr<int64_t> PruneSmsSends(Conn& c, int64_t before) {
  // Per kind, so the (kind, created_at) index bounds each delete.
  int64_t total = 0;
  for (const char* kind : {kSmsSendOtp, kSmsSendBudgetAlert}) {
    POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("DELETE FROM citizen_sms_sends WHERE kind = ? AND created_at < ?",
                                           {std::string(kind), before}));
    total += n;
  }
  return total;
}

Status DeleteSmsSendsOf(Conn& c, const std::string& mobile) {
  return c.Exec("DELETE FROM citizen_sms_sends WHERE mobile = ?", {mobile}).status();
}

Status BlankCitizenRequestAddress(Conn& c, int64_t request_id) {
  return c.Exec("UPDATE citizen_requests SET ip = '' WHERE id = ?", {request_id}).status();
}

StatusOr<std::vector<SlaTarget>> ListSlaTargets(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, council_id, agency_id, type, first_response_minutes, "
                                          "resolve_minutes FROM sla_targets WHERE council_id = ? ORDER BY id",
                                          {council_id}));
  std::vector<SlaTarget> out;
  for (const Row& w : rows)
    out.push_back({w.Int(0), w.Int(1), w.OptInt(2), w.OptText(3), w.Int(4), w.Int(5)});
  return out;
}

Status UpsertSlaTarget(Conn& c, const SlaTarget& t, int64_t now) {
  POL_RETURN_IF_ERROR(
      c.Exec(
           "DELETE FROM sla_targets WHERE council_id = ? AND agency_id IS NOT DISTINCT FROM ? AND type IS NOT "
           "DISTINCT FROM ?",
           {t.council_id, Opt(t.agency_id), Opt(t.type)})
          .status());
  return c
      .Exec(
          "INSERT INTO sla_targets(council_id, agency_id, type, first_response_minutes, resolve_minutes, "
          "created_at) VALUES (?,?,?,?,?,?)",
          {t.council_id, Opt(t.agency_id), Opt(t.type), t.first_response_minutes, t.resolve_minutes, now})
      .status();
}

StatusOr<int64_t> InsertReplyTemplate(Conn& c, const ReplyTemplate& t) {
  POL_ASSIGN_OR_RETURN(Row row, c.QueryOne("INSERT INTO reply_templates(council_id, agency_id, title, body, "
                                           "created_at) VALUES (?,?,?,?,?) RETURNING id",
                                           {t.council_id, Opt(t.agency_id), t.title, t.body, t.created_at}));
  return row.Int(0);
}

StatusOr<std::vector<ReplyTemplate>> ListReplyTemplates(Conn& c, int64_t council_id,
                                                        const std::optional<std::vector<int64_t>>& agencies) {
  Params p{council_id};
  std::string where = " WHERE council_id = ?";
  if (agencies) where += " AND (agency_id IS NULL OR agency_id IN " + InList(*agencies, p) + ")";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, council_id, agency_id, title, body, created_at FROM "
                                          "reply_templates" +
                                              where + " ORDER BY id",
                                          p));
  std::vector<ReplyTemplate> out;
  for (const Row& w : rows) out.push_back({w.Int(0), w.Int(1), w.OptInt(2), w.Text(3), w.Text(4), w.Int(5)});
  return out;
}

StatusOr<int64_t> InsertRoutingRule(Conn& c, const RoutingRule& r) {
  POL_ASSIGN_OR_RETURN(
      Row row, c.QueryOne("INSERT INTO routing_rules(council_id, agency_id, keywords, types, "
                          "priority, created_by, created_at) VALUES (?,?,?,?,?,?,?) RETURNING id",
                          {r.council_id, r.agency_id, r.keywords, r.types, r.priority, Opt(r.created_by),
                           r.created_at}));
  POL_RETURN_IF_ERROR(BumpModelVersion(c, kRoutingModel));  // other nodes reload the rules
  return row.Int(0);
}

namespace {
RoutingRule RuleFromRow(const Row& w) {
  return {w.Int(0), w.Int(1), w.Int(2), w.Text(3), w.Text(4), w.Int(5), w.OptInt(6), w.Int(7)};
}
constexpr const char* kRuleCols =
    "id, council_id, agency_id, keywords, types, priority, created_by, created_at";
}  // namespace

StatusOr<std::vector<RoutingRule>> ListRoutingRules(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kRuleCols +
                                   " FROM routing_rules WHERE council_id = ? ORDER BY priority DESC, id",
                               {council_id}));
  std::vector<RoutingRule> out;
  for (const Row& w : rows) out.push_back(RuleFromRow(w));
  return out;
}

StatusOr<std::optional<RoutingRule>> GetRoutingRule(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto w, c.QueryOpt(std::string("SELECT ") + kRuleCols + " FROM routing_rules WHERE id = ?", {id}));
  if (!w) return std::optional<RoutingRule>();
  return std::optional<RoutingRule>(RuleFromRow(*w));
}

Status DeleteRoutingRule(Conn& c, int64_t id) {
  POL_RETURN_IF_ERROR(c.Exec("DELETE FROM routing_rules WHERE id = ?", {id}).status());
  return BumpModelVersion(c, kRoutingModel);
}

Status SaveRoutingModel(Conn& c, const RoutingModelRow& m) {
  POL_RETURN_IF_ERROR(BumpModelVersion(c, kRoutingModel));  // other nodes reload the model
  return c
      .Exec(
          "INSERT INTO routing_model(council_id, model, samples, held_out, accuracy, trained_at) VALUES "
          "(?,?,?,?,?,?) ON CONFLICT(council_id) DO UPDATE SET model = excluded.model, samples = excluded.samples, "
          "held_out = excluded.held_out, accuracy = excluded.accuracy, trained_at = excluded.trained_at",
          {m.council_id, m.model, m.samples, m.held_out, m.accuracy, m.trained_at})
      .status();
}

StatusOr<std::optional<RoutingModelRow>> LoadRoutingModel(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(auto w,
                       c.QueryOpt("SELECT council_id, model, samples, held_out, accuracy, trained_at FROM "
                                  "routing_model WHERE council_id = ?",
                                  {council_id}));
  if (!w) return std::optional<RoutingModelRow>();
  return std::optional<RoutingModelRow>(
      RoutingModelRow{w->Int(0), w->Text(1), w->Int(2), w->Int(3), w->Real(4), w->Int(5)});
}

StatusOr<std::vector<CsatRow>> CsatByAgency(Conn& c, int64_t council_id, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query(
          "SELECT a.id, a.short_name, "
          "SUM(CASE WHEN r.csat IS NOT NULL THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN r.state = 'closed' THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN r.state IN ('open','answered') THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN r.state IN ('open','answered') AND r.resolve_due < ? THEN 1 ELSE 0 END), "
          "COALESCE(AVG(r.csat), 0), "
          "SUM(CASE WHEN r.csat = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN r.csat = 2 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN r.csat = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN r.csat = 4 THEN 1 ELSE 0 END), "
          "SUM(CASE WHEN r.csat = 5 THEN 1 ELSE 0 END) "
          "FROM agencies a LEFT JOIN citizen_requests r ON r.agency_id = a.id AND r.state <> 'unverified' "
          "WHERE a.council_id = ? GROUP BY a.id, a.short_name ORDER BY a.id",
          {now, council_id}));
  std::vector<CsatRow> out;
  for (const Row& w : rows) {
    CsatRow r{w.Int(0),
              w.Text(1),
              w.IsNull(2) ? 0 : w.Int(2),
              w.IsNull(3) ? 0 : w.Int(3),
              w.IsNull(4) ? 0 : w.Int(4),
              w.IsNull(5) ? 0 : w.Int(5),
              w.Real(6),
              {}};
    for (size_t k = 7; k < 12; ++k) r.distribution.push_back(w.IsNull(k) ? 0 : w.Int(k));
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace pol::store
