#include "insight/scorecard.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/hex.h"
#include "citizen/attachment_store.h"
#include "insight/scorecard_compute.h"
#include "insight/scorecard_policy.h"
#include "store/insight_repo.h"
#include "store/insight_repo_bulletin.h"
#include "text/number_words.h"

namespace pol::insight {
namespace {

std::optional<int64_t> UserOf(const accounts::Actor& a) {
  if (a.IsSystem()) return std::nullopt;
  return a.principal->user_id;
}

Status ClosedError() {
  return FailedPrecondition(
      "scorecard_period_closed",
      "این دورهٔ ارزیابی بسته شده است و تغییر نمی‌پذیرد.");
}

StatusOr<store::ScorecardPeriodRow> LoadPeriod(store::Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(auto p, store::GetScorecardPeriod(c, id));
  if (!p) return NotFound("دورهٔ ارزیابی پیدا نشد.");
  return *p;
}

Status CheckAgency(store::Conn& c, int64_t council_id, int64_t agency_id) {
  POL_ASSIGN_OR_RETURN(auto council, store::AgencyCouncil(c, agency_id));
  if (!council || *council != council_id)
    return InvalidArgument("unknown_agency", "این دستگاه عضو شورای این دورهٔ ارزیابی نیست.", "agency_id");
  return Status::Ok();
}

// The period right before `p` (same kind).
std::pair<int64_t, int64_t> PreviousOf(const store::ScorecardPeriodRow& p) {
  if (p.kind == "year") return {p.year - 1, 0};
  return p.season == 1 ? std::pair<int64_t, int64_t>{p.year - 1, 4}
                       : std::pair<int64_t, int64_t>{p.year, p.season - 1};
}

std::string KeyOf(const std::string& path_sha) { return path_sha.substr(0, 2) + "/" + path_sha; }

}  // namespace

StatusOr<ScorecardPeriodName> ParseScorecardPeriod(std::string_view name) {
  const std::string s = text::ToLatinDigits(name);
  const Status bad = InvalidArgument("invalid_period",
                                     "دورهٔ ارزیابی باید فصل (مثل ۱۴۰۵-۳) یا سال (مثل ۱۴۰۵) باشد.", "period");
  ScorecardPeriodName n;
  size_t dash = s.find_first_of("-/");
  std::string year = s.substr(0, dash);
  if (year.size() != 4 ||
      !std::all_of(year.begin(), year.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
    return bad;
  n.year = std::stoi(year);
  if (n.year < 1300 || n.year > 1600) return bad;
  if (dash == std::string::npos) {
    n.kind = "year";
  } else {
    std::string season = s.substr(dash + 1);
    if (season.size() != 1 || season[0] < '1' || season[0] > '4') return bad;
    n.kind = "season";
    n.season = season[0] - '0';
  }
  const int month = n.season == 0 ? 1 : (n.season - 1) * 3 + 1;
  n.period = PeriodContaining(n.kind == "year" ? PeriodKind::kYear : PeriodKind::kSeason,
                              text::DaysFromJalali({n.year, month, 1}));
  return n;
}

std::string ScorecardPeriodCode(const store::ScorecardPeriodRow& p) {
  return p.kind == "year" ? std::to_string(p.year) : std::to_string(p.year) + "-" + std::to_string(p.season);
}

std::string ScorecardPeriodLabel(const store::ScorecardPeriodRow& p) {
  static const char* const kSeasons[] = {"بهار", "تابستان", "پاییز", "زمستان"};
  const std::string year = text::ToPersianDigits(std::to_string(p.year));
  if (p.kind == "year" || p.season < 1 || p.season > 4) return "سال " + year;
  return std::string(kSeasons[p.season - 1]) + " " + year;
}

ScorecardService::ScorecardService(store::Database* db, Env* env, const std::string& data_dir,
                                   std::string font_dir, text::WorkCalendar calendar)
    : db_(db),
      env_(env),
      files_(media::NewDiskFileStore((std::filesystem::path(data_dir) / "scorecard-evidence").string())),
      font_dir_(std::move(font_dir)),
      calendar_(calendar) {}

StatusOr<bool> ScorecardService::Office(store::Conn& c, const accounts::Actor& a, int64_t council_id) const {
  if (a.IsSystem()) return false;
  return store::HoldsCommitteeOffice(c, council_id, a.principal->user_id);
}

StatusOr<std::vector<ScorecardItem>> ScorecardService::TemplateFor(store::Conn& c, int64_t council_id,
                                                                   const std::string& kind) const {
  POL_ASSIGN_OR_RETURN(auto version, store::ScorecardTemplateVersion(c, council_id, kind));
  if (!version) return DefaultTemplate(kind);
  return store::ScorecardTemplateItems(c, council_id, kind);
}

StatusOr<ScorecardTemplateView> ScorecardService::GetTemplate(const accounts::Actor& a, int64_t council_id,
                                                              const std::string& kind) const {
  if (!IsScorecardKind(kind))
    return InvalidArgument("invalid_kind", "نوع دوره باید season یا year باشد.", "kind");
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<ScorecardTemplateView> {
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, council_id));
    if (!CanReadScorecards(a, council_id, office)) return PermissionDenied();
    ScorecardTemplateView v{council_id, kind, 0, {}};
    POL_ASSIGN_OR_RETURN(auto version, store::ScorecardTemplateVersion(c, council_id, kind));
    v.version = version.value_or(0);
    POL_ASSIGN_OR_RETURN(v.items, TemplateFor(c, council_id, kind));
    return v;
  });
}

StatusOr<ScorecardTemplateView> ScorecardService::PutTemplate(const accounts::Actor& a, int64_t council_id,
                                                              const std::string& kind,
                                                              const std::vector<ScorecardItem>& items,
                                                              std::optional<int64_t> version) const {
  if (!IsScorecardKind(kind))
    return InvalidArgument("invalid_kind", "نوع دوره باید season یا year باشد.", "kind");
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<ScorecardTemplateView> {
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, council_id));
    if (!CanManageScorecards(a, council_id, office)) return PermissionDenied();
    POL_RETURN_IF_ERROR(ValidateTemplate(items));
    POL_ASSIGN_OR_RETURN(int64_t v,
                         store::ReplaceScorecardTemplate(c, council_id, kind, version, items, now));
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "scorecard.template_save", "council",
                                        std::to_string(council_id), {council_id, std::nullopt},
                                        {{"kind", kind}, {"version", v}, {"items", items.size()}}));
    return ScorecardTemplateView{council_id, kind, v, items};
  });
}

StatusOr<store::ScorecardPeriodRow> ScorecardService::CreatePeriod(const accounts::Actor& a,
                                                                   int64_t council_id,
                                                                   const std::string& name) const {
  POL_ASSIGN_OR_RETURN(ScorecardPeriodName n, ParseScorecardPeriod(name));
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::ScorecardPeriodRow> {
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, council_id));
    if (!CanManageScorecards(a, council_id, office)) return PermissionDenied();
    POL_ASSIGN_OR_RETURN(std::string council_name, store::CouncilName(c, council_id));
    if (council_name.empty()) return NotFound("شورا پیدا نشد.");
    store::ScorecardPeriodRow p;
    p.council_id = council_id;
    p.kind = n.kind;
    p.year = n.year;
    p.season = n.season;
    p.from_ms = n.period.from_ms;
    p.to_ms = n.period.to_ms;
    p.status = "open";
    p.created_by = UserOf(a);
    p.created_at = now;
    POL_ASSIGN_OR_RETURN(p.id, store::InsertScorecardPeriod(c, p));
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "scorecard.period_create", "scorecard_period",
                                        std::to_string(p.id), {council_id, std::nullopt},
                                        {{"period", ScorecardPeriodCode(p)}}));
    return p;
  });
}

StatusOr<std::vector<store::ScorecardPeriodRow>> ScorecardService::ListPeriods(const accounts::Actor& a,
                                                                               int64_t council_id) const {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<std::vector<store::ScorecardPeriodRow>> {
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, council_id));
    bool allowed = CanReadScorecards(a, council_id, office);
    // An agency's PR manager lists the periods to upload evidence to and open the agency's card.
    if (!allowed) {
      POL_ASSIGN_OR_RETURN(auto agencies, store::CouncilAgencies(c, council_id));
      for (const auto& ag : agencies) allowed = allowed || CanUploadEvidence(a, council_id, ag.id, false);
    }
    if (!allowed) return PermissionDenied();
    return store::ListScorecardPeriods(c, council_id);
  });
}

StatusOr<std::vector<AgencyScore>> ScorecardService::Compute(store::Conn& c,
                                                             const store::ScorecardPeriodRow& p) const {
  POL_ASSIGN_OR_RETURN(std::vector<ScorecardItem> items, TemplateFor(c, p.council_id, p.kind));
  POL_ASSIGN_OR_RETURN(auto agencies, store::CouncilAgencies(c, p.council_id));
  POL_ASSIGN_OR_RETURN(auto scores, store::ListScorecardScores(c, p.id));
  POL_ASSIGN_OR_RETURN(auto evidence, store::ListScorecardEvidence(c, p.id));
  std::map<std::pair<int64_t, std::string>, const store::ScorecardScoreRow*> score_of;
  for (const auto& s : scores) score_of[{s.agency_id, s.item_code}] = &s;
  const int64_t now = env_->NowMillis();
  std::vector<AgencyScore> out;
  for (const store::InsightAgency& ag : agencies) {
    AgencyScore as{ag.id, ag.name, 0, 0, 0, std::nullopt, {}};
    store::InsightScope scope{p.council_id, ag.id, p.from_ms, p.to_ms, now, {}, {}, {}, {}};
    FormulaValues values(c, scope, calendar_);
    for (const ScorecardItem& it : items) {
      ItemScore is{it, std::nullopt, 0, ItemMaxPoints(it), "", "", "", "", {}};
      if (IsManual(it)) {
        auto s = score_of.find({ag.id, it.code});
        if (s != score_of.end()) {
          is.raw = s->second->score;
          is.note = s->second->note;
        }
        for (const auto& e : evidence)
          if (e.agency_id == ag.id && e.item_code == it.code) is.evidence.push_back(e);
      } else {
        POL_ASSIGN_OR_RETURN(is.raw, values.Value(it.formula));
        if (const FormulaInfo* f = FindFormula(it.formula)) is.metric = std::string(f->metric);
        RecordsLink link = RecordsLinkOf(it, p, ag.id);
        is.records_href = std::move(link.href);
        is.records_export_href = std::move(link.export_href);
      }
      is.points = ItemPoints(it, is.raw);
      as.total += is.points;
      as.max_total += is.max_points;
      as.items.push_back(std::move(is));
    }
    out.push_back(std::move(as));
  }
  std::vector<double> totals;
  for (const AgencyScore& s : out) totals.push_back(s.total);
  std::vector<int64_t> ranks = RankTotals(totals);
  for (size_t i = 0; i < out.size(); ++i) out[i].rank = ranks[i];
  std::stable_sort(out.begin(), out.end(),
                   [](const AgencyScore& x, const AgencyScore& y) { return x.rank < y.rank; });
  return out;
}

StatusOr<ScorecardView> ScorecardService::BuildView(store::Conn& c,
                                                    const store::ScorecardPeriodRow& p) const {
  ScorecardView v;
  v.period = p;
  v.code = ScorecardPeriodCode(p);
  v.label = ScorecardPeriodLabel(p);
  POL_ASSIGN_OR_RETURN(v.council_name, store::CouncilName(c, p.council_id));
  auto [py, ps] = PreviousOf(p);
  POL_ASSIGN_OR_RETURN(auto prev, store::FindScorecardPeriod(c, p.council_id, p.kind, py, ps));
  if (prev) v.previous_period_id = prev->id;
  if (p.status == "closed") {
    POL_ASSIGN_OR_RETURN(auto totals, store::ScorecardSnapshotTotals(c, p.id));
    POL_ASSIGN_OR_RETURN(auto items, store::ScorecardSnapshotItems(c, p.id));
    POL_ASSIGN_OR_RETURN(auto evidence, store::ListScorecardEvidence(c, p.id));
    POL_ASSIGN_OR_RETURN(auto scores, store::ListScorecardScores(c, p.id));
    for (const auto& t : totals) {
      AgencyScore as{t.agency_id, t.agency_name, t.total, t.max_total, t.rank, t.previous_total, {}};
      for (const auto& si : items) {
        if (si.agency_id != t.agency_id) continue;
        ItemScore is{si.item, si.raw, si.points, ItemMaxPoints(si.item), "", "", "", "", {}};
        if (IsManual(si.item)) {
          for (const auto& e : evidence)
            if (e.agency_id == t.agency_id && e.item_code == si.item.code) is.evidence.push_back(e);
          for (const auto& s : scores)
            if (s.agency_id == t.agency_id && s.item_code == si.item.code) is.note = s.note;
        } else {
          if (const FormulaInfo* f = FindFormula(si.item.formula)) is.metric = std::string(f->metric);
          RecordsLink link = RecordsLinkOf(si.item, p, t.agency_id);
          is.records_href = std::move(link.href);
          is.records_export_href = std::move(link.export_href);
        }
        as.items.push_back(std::move(is));
      }
      v.agencies.push_back(std::move(as));
    }
    return v;
  }
  POL_ASSIGN_OR_RETURN(v.agencies, Compute(c, p));
  // Δ: the previous period's snapshot when it is closed, else its live totals.
  if (prev) {
    std::map<int64_t, double> before;
    if (prev->status == "closed") {
      POL_ASSIGN_OR_RETURN(auto totals, store::ScorecardSnapshotTotals(c, prev->id));
      for (const auto& t : totals) before[t.agency_id] = t.total;
    } else {
      POL_ASSIGN_OR_RETURN(auto live, Compute(c, *prev));
      for (const auto& s : live) before[s.agency_id] = s.total;
    }
    for (AgencyScore& s : v.agencies)
      if (auto it = before.find(s.agency_id); it != before.end()) s.previous_total = it->second;
  }
  return v;
}

StatusOr<ScorecardView> ScorecardService::GetPeriod(const accounts::Actor& a, int64_t period_id) const {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<ScorecardView> {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanReadScorecards(a, p.council_id, office)) return PermissionDenied();
    return BuildView(c, p);
  });
}

StatusOr<AgencyScore> ScorecardService::GetCard(const accounts::Actor& a, int64_t period_id,
                                                int64_t agency_id) const {
  return db_->ReadValue([&](store::Conn& c) -> StatusOr<AgencyScore> {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanReadAgencyScorecard(a, p.council_id, agency_id, office)) return PermissionDenied();
    POL_RETURN_IF_ERROR(CheckAgency(c, p.council_id, agency_id));
    POL_ASSIGN_OR_RETURN(ScorecardView v, BuildView(c, p));
    for (AgencyScore& s : v.agencies)
      if (s.agency_id == agency_id) return std::move(s);
    return NotFound("کارنامهٔ این دستگاه در این دوره نیست.");
  });
}

StatusOr<store::ScorecardPeriodRow> ScorecardService::OpenPeriodForEdit(store::Conn& c,
                                                                        int64_t period_id) const {
  POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
  if (p.status != "open") return ClosedError();
  return p;
}

namespace {

// The manual item `code` of the period's template, or `unknown_item`.
StatusOr<ScorecardItem> ManualItem(const std::vector<ScorecardItem>& items, const std::string& code) {
  for (const ScorecardItem& it : items)
    if (it.code == code && IsManual(it)) return it;
  return InvalidArgument("unknown_item", "زیرشاخص دستی «" + code + "» در الگوی این دوره نیست.", "item");
}

}  // namespace

Status ScorecardService::SetScore(const accounts::Actor& a, int64_t period_id, int64_t agency_id,
                                  const std::string& item, double score, const std::string& note) const {
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanManageScorecards(a, p.council_id, office)) return PermissionDenied();
    if (p.status != "open") return ClosedError();
    POL_RETURN_IF_ERROR(CheckAgency(c, p.council_id, agency_id));
    POL_ASSIGN_OR_RETURN(auto items, TemplateFor(c, p.council_id, p.kind));
    POL_ASSIGN_OR_RETURN(ScorecardItem it, ManualItem(items, item));
    if (!(score >= 1 && score <= 5))
      return InvalidArgument("invalid_score", "امتیاز دستی باید از ۱ تا ۵ باشد.", "score");
    if (note.size() > 4000) return InvalidArgument("too_long", "یادداشت بلند است.", "note");
    POL_RETURN_IF_ERROR(
        store::UpsertScorecardScore(c, p.id, {agency_id, it.code, score, note, UserOf(a), now}));
    return accounts::Audit(c, a, now, "scorecard.score_set", "scorecard_period", std::to_string(p.id),
                           {p.council_id, agency_id}, {{"item", it.code}, {"score", score}});
  });
}

StatusOr<store::ScorecardEvidenceRow> ScorecardService::UploadEvidence(const accounts::Actor& a,
                                                                       int64_t period_id, int64_t agency_id,
                                                                       const std::string& item,
                                                                       const std::string& file_name,
                                                                       std::string_view bytes) const {
  if (bytes.empty()) return InvalidArgument("empty_file", "پرونده خالی است.", "file");
  if (bytes.size() > static_cast<size_t>(kMaxEvidenceBytes))
    return InvalidArgument("evidence_too_large", "پروندهٔ مستند حداکثر ۱۰ مگابایت باشد.", "file");
  const std::string type = citizen::SniffAttachmentType(bytes);
  if (type.empty())
    return InvalidArgument("invalid_evidence_type", "مستند باید PDF یا تصویر (JPEG، PNG، WebP) باشد.",
                           "file");
  if (file_name.empty() || file_name.size() > 200)
    return InvalidArgument("missing_field", "نام پرونده را بدهید (حداکثر ۲۰۰ بایت).", "file_name");
  // Permission and the period's state are checked before the file is written, and again in the write.
  auto check = [&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanUploadEvidence(a, p.council_id, agency_id, office)) return PermissionDenied();
    if (p.status != "open") return ClosedError();
    POL_RETURN_IF_ERROR(CheckAgency(c, p.council_id, agency_id));
    POL_ASSIGN_OR_RETURN(auto items, TemplateFor(c, p.council_id, p.kind));
    return ManualItem(items, item).status();
  };
  POL_RETURN_IF_ERROR(db_->Read(check));
  const std::string sha = Sha256Hex(bytes);
  if (!files_->Exists(KeyOf(sha))) {
    POL_RETURN_IF_ERROR(files_->Put(KeyOf(sha), bytes));
  }
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<store::ScorecardEvidenceRow> {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, OpenPeriodForEdit(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanUploadEvidence(a, p.council_id, agency_id, office)) return PermissionDenied();
    // A deletion (which removes files inside its write) may have taken the same bytes' file meanwhile.
    if (!files_->Exists(KeyOf(sha))) {
      POL_RETURN_IF_ERROR(files_->Put(KeyOf(sha), bytes));
    }
    store::ScorecardEvidenceRow e{
        0, p.id, agency_id, item, file_name, type, static_cast<int64_t>(bytes.size()), sha, UserOf(a), now};
    POL_ASSIGN_OR_RETURN(e.id, store::InsertScorecardEvidence(c, e));
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "scorecard.evidence_upload", "scorecard_period",
                                        std::to_string(p.id), {p.council_id, agency_id},
                                        {{"item", item}, {"evidence_id", e.id}, {"size", e.size}}));
    return e;
  });
}

StatusOr<std::pair<store::ScorecardEvidenceRow, std::string>> ScorecardService::GetEvidence(
    const accounts::Actor& a, int64_t evidence_id) const {
  auto read = [&](store::Conn& c) -> StatusOr<store::ScorecardEvidenceRow> {
    POL_ASSIGN_OR_RETURN(auto found, store::GetScorecardEvidence(c, evidence_id));
    if (!found) return NotFound("مستند پیدا نشد.");
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, found->period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanReadAgencyScorecard(a, p.council_id, found->agency_id, office))
      return NotFound("مستند پیدا نشد.");
    return *found;
  };
  POL_ASSIGN_OR_RETURN(store::ScorecardEvidenceRow e, db_->ReadValue(read));
  POL_ASSIGN_OR_RETURN(std::string bytes, files_->Get(KeyOf(e.sha256)));
  return std::make_pair(std::move(e), std::move(bytes));
}

Status ScorecardService::DeleteEvidence(const accounts::Actor& a, int64_t evidence_id) const {
  const int64_t now = env_->NowMillis();
  return db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto found, store::GetScorecardEvidence(c, evidence_id));
    if (!found) return NotFound("مستند پیدا نشد.");
    const store::ScorecardEvidenceRow& e = *found;
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, e.period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanReadAgencyScorecard(a, p.council_id, e.agency_id, office)) return NotFound("مستند پیدا نشد.");
    if (!CanDeleteEvidence(a, p.council_id, e.agency_id, e.uploaded_by, office))
      return PermissionDenied(
          "مستند را فقط روابط عمومی همان دستگاه یا بارگذارندهٔ آن می‌تواند حذف کند.");
    if (p.status != "open") return ClosedError();
    POL_RETURN_IF_ERROR(store::DeleteScorecardEvidence(c, e.id));
    POL_RETURN_IF_ERROR(
        accounts::Audit(c, a, now, "scorecard.evidence_delete", "scorecard_period", std::to_string(p.id),
                        {p.council_id, e.agency_id},
                        {{"item", e.item_code}, {"evidence_id", e.id}, {"file_name", e.file_name}}));
    // Last, and inside the write (uploads of the same bytes re-check the file in theirs): the file goes
    // when no other row names it.
    POL_ASSIGN_OR_RETURN(int64_t others, store::CountScorecardEvidenceFiles(c, e.sha256));
    if (others == 0) {
      POL_RETURN_IF_ERROR(files_->Remove(KeyOf(e.sha256)));
    }
    return Status::Ok();
  });
}

StatusOr<ScorecardView> ScorecardService::Close(const accounts::Actor& a, int64_t period_id) const {
  const int64_t now = env_->NowMillis();
  return db_->WriteValue([&](store::Conn& c) -> StatusOr<ScorecardView> {
    POL_ASSIGN_OR_RETURN(store::ScorecardPeriodRow p, LoadPeriod(c, period_id));
    POL_ASSIGN_OR_RETURN(bool office, Office(c, a, p.council_id));
    if (!CanManageScorecards(a, p.council_id, office)) return PermissionDenied();
    if (p.status != "open") return ClosedError();
    POL_ASSIGN_OR_RETURN(ScorecardView v, BuildView(c, p));
    std::vector<store::ScorecardSnapshotItemRow> items;
    std::vector<store::ScorecardSnapshotTotalRow> totals;
    for (const AgencyScore& s : v.agencies) {
      int64_t pos = 0;
      for (const ItemScore& is : s.items) items.push_back({s.agency_id, ++pos, is.item, is.raw, is.points});
      totals.push_back({s.agency_id, s.agency_name, s.total, s.max_total, s.rank, s.previous_total});
    }
    POL_RETURN_IF_ERROR(store::InsertScorecardSnapshot(c, p.id, items, totals));
    POL_RETURN_IF_ERROR(store::CloseScorecardPeriod(c, p.id, UserOf(a), now));
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "scorecard.period_close", "scorecard_period",
                                        std::to_string(p.id), {p.council_id, std::nullopt},
                                        {{"period", v.code}, {"agencies", v.agencies.size()}}));
    POL_ASSIGN_OR_RETURN(auto closed, store::GetScorecardPeriod(c, p.id));
    v.period = *closed;
    return v;
  });
}

}  // namespace pol::insight
