#include "insight/emerging_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "insight/emerging_policy.h"
#include "insight/period.h"
#include "store/insight_repo.h"
#include "store/release_repo.h"

namespace pol::insight {
namespace {

using store::Conn;

constexpr int64_t kMaxDays = 365;
// An issue seen within this many days before takes a group with its first term.
constexpr int64_t kContinueDays = 2;

std::vector<EmergingDoc> DocsOf(const std::vector<store::EmergingSource>& sources) {
  std::vector<EmergingDoc> docs;
  docs.reserve(sources.size());
  for (const store::EmergingSource& s : sources)
    docs.push_back({.kind = s.kind,
                    .id = s.id,
                    .copy_key = s.copy_key,
                    .keys = EmergingKeys(s.text),
                    .tone = s.tone,
                    .agencies = s.agencies,
                    .title = s.title});
  return docs;
}

// Recomputes an issue's figures from its documents.
void Aggregate(const std::vector<store::EmergingIssueDoc>& docs, store::EmergingIssueRow* r) {
  r->items = r->requests = r->positive = r->neutral = r->negative = 0;
  r->agencies.clear();
  for (const store::EmergingIssueDoc& d : docs) {
    (d.kind == "request" ? r->requests : r->items)++;
    if (d.tone == "positive") ++r->positive;
    if (d.tone == "neutral") ++r->neutral;
    if (d.tone == "negative") ++r->negative;
    for (int64_t a : d.agencies) ++r->agencies[a];
    r->first_day = std::min(r->first_day, d.day);
    r->last_day = std::max(r->last_day, d.day);
  }
}

}  // namespace

EmergingService::EmergingService(store::Database* db, Env* env, EmergingOptions options)
    : db_(db), env_(env), options_(options) {}

Status EmergingService::CountDay(int64_t council_id, int64_t day, std::vector<EmergingDoc>* docs_out,
                                 std::vector<store::EmergingSource>* sources_out) const {
  const Period p = PeriodContaining(PeriodKind::kDay, day);
  POL_ASSIGN_OR_RETURN(std::vector<store::EmergingSource> sources, db_->ReadValue([&](Conn& c) {
    return store::EmergingSources(c, council_id, p.from_ms, p.to_ms);
  }));
  std::vector<EmergingDoc> docs = DocsOf(sources);
  const std::map<std::string, int64_t> counts = CountKeys(docs);
  std::vector<EmergingDoc> requests;
  for (const EmergingDoc& d : docs)
    if (d.kind == "request") requests.push_back(d);
  const std::map<std::string, int64_t> request_counts = CountKeys(requests);
  const int64_t documents = static_cast<int64_t>(DropCopies(docs).size());
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) {
    return store::ReplaceEmergingDay(c, council_id, day, counts, request_counts, documents, now);
  }));
  if (docs_out) *docs_out = std::move(docs);
  if (sources_out) *sources_out = std::move(sources);
  return Status::Ok();
}

StatusOr<int64_t> EmergingService::DetectDay(int64_t council_id, int64_t day,
                                             const std::vector<EmergingDoc>& all,
                                             const std::vector<store::EmergingSource>& /*sources*/) const {
  const EmergingOptions& o = options_;
  std::map<std::string, int64_t> today;
  std::map<std::string, std::vector<int64_t>> history;
  std::vector<store::EmergingIssueRow> recent;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(today, store::EmergingDayCounts(c, council_id, day, o.min_support));
    std::vector<std::string> keys;
    for (const auto& [k, n] : today) keys.push_back(k);
    POL_ASSIGN_OR_RETURN(history, store::EmergingHistory(c, council_id, day - o.baseline_days, day, keys));
    POL_ASSIGN_OR_RETURN(recent, store::ListEmergingIssues(c, council_id, day - kContinueDays));
    return Status::Ok();
  }));
  const std::vector<KeyScore> flagged = FlagKeys(today, history, o);
  if (flagged.empty()) return int64_t{0};
  const std::vector<EmergingDoc> docs = DropCopies(all);
  const std::vector<EmergingCluster> clusters = GroupDocuments(docs, flagged, o);
  int64_t touched = 0;
  const int64_t now = env_->NowMillis();
  for (const EmergingCluster& cl : clusters) {
    POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
      std::optional<store::EmergingIssueRow> issue;
      for (const store::EmergingIssueRow& r : recent)
        if (std::find(r.terms.begin(), r.terms.end(), cl.terms.front()) != r.terms.end()) {
          issue = r;
          break;
        }
      if (!issue) {
        store::EmergingIssueRow r{
            .council_id = council_id, .terms = cl.terms, .first_day = day, .last_day = day};
        r.z = cl.z;
        r.growth = cl.growth;
        r.created_at = r.updated_at = now;
        POL_ASSIGN_OR_RETURN(r.id, store::InsertEmergingIssue(c, r));
        issue = r;
        recent.push_back(r);  // a later group of the day with the same first term joins it
      } else {
        if (day >= issue->last_day) {
          issue->terms = cl.terms;
          issue->growth = cl.growth;
        }
        issue->z = std::max(issue->z, cl.z);
      }
      for (size_t i : cl.docs) {
        const EmergingDoc& d = docs[i];
        POL_RETURN_IF_ERROR(store::AddEmergingIssueDoc(c, {.issue_id = issue->id,
                                                           .kind = d.kind,
                                                           .doc_id = d.id,
                                                           .day = day,
                                                           .tone = d.tone,
                                                           .agencies = d.agencies,
                                                           .title = d.title}));
      }
      POL_ASSIGN_OR_RETURN(std::vector<store::EmergingIssueDoc> all_docs,
                           store::EmergingIssueDocs(c, issue->id));
      Aggregate(all_docs, &*issue);
      issue->updated_at = now;
      for (store::EmergingIssueRow& r : recent)
        if (r.id == issue->id) r = *issue;
      return store::UpdateEmergingIssue(c, *issue);
    }));
    ++touched;
  }
  return touched;
}

StatusOr<EmergingRefreshStats> EmergingService::RefreshCouncil(int64_t council_id) const {
  EmergingRefreshStats stats;
  const int64_t today = TehranDay(env_->NowMillis());
  const int64_t first = today - std::max(options_.baseline_days, options_.backfill_days);
  POL_ASSIGN_OR_RETURN(auto counted, db_->ReadValue([&](Conn& c) {
    return store::EmergingCountedDays(c, council_id, first, today);
  }));
  // Older days newest first (the baseline before the rest), a bounded number per run.
  int backfilled = 0;
  for (int64_t day = today - 2; day >= first && backfilled < options_.backfill_per_run; --day) {
    if (counted.contains(day)) continue;
    POL_RETURN_IF_ERROR(CountDay(council_id, day, nullptr, nullptr));
    ++stats.days_counted;
    ++backfilled;
  }
  for (int64_t day = today - 1; day <= today; ++day) {
    std::vector<EmergingDoc> docs;
    std::vector<store::EmergingSource> sources;
    POL_RETURN_IF_ERROR(CountDay(council_id, day, &docs, &sources));
    ++stats.days_counted;
    POL_ASSIGN_OR_RETURN(int64_t touched, DetectDay(council_id, day, docs, sources));
    stats.issues_touched += touched;
  }
  return stats;
}

StatusOr<EmergingRefreshStats> EmergingService::Refresh() const {
  POL_ASSIGN_OR_RETURN(std::vector<int64_t> councils,
                       db_->ReadValue([](Conn& c) { return store::EmergingCouncils(c); }));
  EmergingRefreshStats total;
  for (int64_t id : councils) {
    POL_ASSIGN_OR_RETURN(EmergingRefreshStats s, RefreshCouncil(id));
    total.days_counted += s.days_counted;
    total.issues_touched += s.issues_touched;
  }
  return total;
}

StatusOr<EmergingRefreshStats> EmergingService::RefreshNow(const accounts::Actor& a,
                                                           int64_t council_id) const {
  if (!CanManageEmerging(a, council_id))
    return PermissionDenied("شما اجازهٔ شمارش دوبارهٔ موضوعات نوظهور این شورا را ندارید.");
  POL_ASSIGN_OR_RETURN(EmergingRefreshStats s, RefreshCouncil(council_id));
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) {
    return accounts::Audit(c, a, env_->NowMillis(), "insight.emerging.recount", "council",
                           std::to_string(council_id), {.council_id = council_id},
                           {{"days_counted", s.days_counted}, {"issues_touched", s.issues_touched}});
  }));
  return s;
}

StatusOr<std::vector<store::EmergingIssueRow>> EmergingService::List(const accounts::Actor& a,
                                                                     int64_t council_id, int64_t days) const {
  if (days < 1 || days > kMaxDays)
    return InvalidArgument("invalid_days", "تعداد روزها باید از ۱ تا ۳۶۵ باشد.", "days");
  if (!CanViewEmerging(a, council_id))
    return PermissionDenied("شما اجازهٔ دیدن موضوعات نوظهور این شورا را ندارید.");
  const int64_t since = TehranDay(env_->NowMillis()) - days + 1;
  return db_->ReadValue([&](Conn& c) { return store::ListEmergingIssues(c, council_id, since); });
}

StatusOr<EmergingIssueDetail> EmergingService::Get(const accounts::Actor& a, int64_t id) const {
  EmergingIssueDetail out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(std::optional<store::EmergingIssueRow> r, store::GetEmergingIssue(c, id));
    if (!r || !CanViewOwnedEmerging(a, r->council_id, r->owner_agency_id.value_or(0)))
      return NotFound("این موضوع نوظهور پیدا نشد.");
    out.issue = std::move(*r);
    POL_ASSIGN_OR_RETURN(out.docs, store::EmergingIssueDocs(c, id));
    return Status::Ok();
  }));
  std::map<int64_t, int64_t> per_day;
  for (const store::EmergingIssueDoc& d : out.docs) ++per_day[d.day];
  out.per_day.assign(per_day.begin(), per_day.end());
  return out;
}

StatusOr<store::EmergingIssueRow> EmergingService::AssignOwner(const accounts::Actor& a, int64_t id,
                                                               int64_t agency_id) const {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](Conn& c) -> StatusOr<store::EmergingIssueRow> {
    POL_ASSIGN_OR_RETURN(std::optional<store::EmergingIssueRow> r, store::GetEmergingIssue(c, id));
    if (!r || !CanViewOwnedEmerging(a, r->council_id, r->owner_agency_id.value_or(0)))
      return NotFound("این موضوع نوظهور پیدا نشد.");
    if (!CanManageEmerging(a, r->council_id))
      return PermissionDenied("شما اجازهٔ سپردن موضوعات نوظهور این شورا را ندارید.");
    POL_ASSIGN_OR_RETURN(std::optional<int64_t> council, store::AgencyCouncil(c, agency_id));
    if (!council || *council != r->council_id)
      return InvalidArgument("unknown_agency", "این دستگاه در این شورا نیست.", "agency_id");
    std::optional<int64_t> by;
    if (!a.IsSystem()) by = a.principal->user_id;
    POL_RETURN_IF_ERROR(store::SetEmergingOwner(c, id, agency_id, by, now));
    std::string terms;
    for (size_t i = 0; i < r->terms.size() && i < 3; ++i) terms += (i ? "، " : "") + r->terms[i];
    POL_ASSIGN_OR_RETURN(std::vector<int64_t> managers,
                         store::UsersWithAgencyRole(c, agency_id, "agency_pr_manager"));
    for (int64_t u : managers)
      POL_RETURN_IF_ERROR(
          store::InsertNotification(c, {.user_id = u,
                                        .kind = "insight.emerging",
                                        .title = "موضوع نوظهور «" + terms + "» به دستگاه شما سپرده شد",
                                        .link = "/console/insight/emerging/" + std::to_string(id),
                                        .created_at = now})
              .status());
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "insight.emerging.assign_owner", "emerging_issue",
                                        std::to_string(id),
                                        {.council_id = r->council_id, .agency_id = agency_id},
                                        {{"owner_agency_id", agency_id}, {"notified", managers.size()}}));
    r->owner_agency_id = agency_id;
    r->assigned_by = by;
    r->assigned_at = now;
    r->updated_at = now;
    return *r;
  });
}

}  // namespace pol::insight
