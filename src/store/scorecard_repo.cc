#include "store/scorecard_repo.h"

namespace pol::store {
namespace {

constexpr char kPeriodCols[] =
    "id, council_id, kind, year, season, from_ms, to_ms, status, version, created_by, created_at, closed_by, "
    "closed_at";

ScorecardPeriodRow PeriodFrom(const Row& r) {
  ScorecardPeriodRow p;
  p.id = r.Int(0);
  p.council_id = r.Int(1);
  p.kind = r.Text(2);
  p.year = r.Int(3);
  p.season = r.Int(4);
  p.from_ms = r.Int(5);
  p.to_ms = r.Int(6);
  p.status = r.Text(7);
  p.version = r.Int(8);
  p.created_by = r.OptInt(9);
  p.created_at = r.Int(10);
  p.closed_by = r.OptInt(11);
  p.closed_at = r.OptInt(12);
  return p;
}

constexpr char kEvidenceCols[] =
    "id, period_id, agency_id, item_code, file_name, content_type, size, sha256, uploaded_by, uploaded_at";

ScorecardEvidenceRow EvidenceFrom(const Row& r) {
  ScorecardEvidenceRow e;
  e.id = r.Int(0);
  e.period_id = r.Int(1);
  e.agency_id = r.Int(2);
  e.item_code = r.Text(3);
  e.file_name = r.Text(4);
  e.content_type = r.Text(5);
  e.size = r.Int(6);
  e.sha256 = r.Text(7);
  e.uploaded_by = r.OptInt(8);
  e.uploaded_at = r.Int(9);
  return e;
}

std::optional<double> OptReal(const Row& r, size_t i) {
  if (r.IsNull(i)) return std::nullopt;
  return r.Real(i);
}

}  // namespace

StatusOr<std::optional<int64_t>> ScorecardTemplateVersion(Conn& c, int64_t council_id,
                                                          const std::string& kind) {
  POL_ASSIGN_OR_RETURN(auto r, c.QueryOpt("SELECT version FROM scorecard_templates WHERE council_id = ? AND "
                                          "period_kind = ?",
                                          {council_id, kind}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

StatusOr<std::vector<ScorecardItemRow>> ScorecardTemplateItems(Conn& c, int64_t council_id,
                                                               const std::string& kind) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT index_code, index_name, code, name, formula, weight, max_score, "
                               "floor_value, target_value FROM scorecard_items WHERE council_id = ? "
                               "AND period_kind = ? ORDER BY position",
                               {council_id, kind}));
  std::vector<ScorecardItemRow> out;
  for (const Row& r : rows) {
    out.push_back(
        {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Real(5), r.Real(6), r.Real(7), r.Real(8)});
  }
  return out;
}

StatusOr<int64_t> ReplaceScorecardTemplate(Conn& c, int64_t council_id, const std::string& kind,
                                           std::optional<int64_t> expected_version,
                                           const std::vector<ScorecardItemRow>& items, int64_t now) {
  POL_ASSIGN_OR_RETURN(std::optional<int64_t> stored, ScorecardTemplateVersion(c, council_id, kind));
  int64_t version = 1;
  if (stored) {
    if (expected_version && *expected_version != *stored) return VersionConflict();
    version = *stored + 1;
    POL_RETURN_IF_ERROR(
        c.Exec("UPDATE scorecard_templates SET version = ?, updated_at = ? WHERE council_id = ? "
               "AND period_kind = ?",
               {version, now, council_id, kind})
            .status());
  } else {
    if (expected_version && *expected_version != 0) return VersionConflict();
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO scorecard_templates(council_id, period_kind, version, updated_at) "
               "VALUES (?,?,1,?)",
               {council_id, kind, now})
            .status());
  }
  POL_RETURN_IF_ERROR(
      c.Exec("DELETE FROM scorecard_items WHERE council_id = ? AND period_kind = ?", {council_id, kind})
          .status());
  int64_t pos = 0;
  for (const ScorecardItemRow& it : items) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO scorecard_items(council_id, period_kind, position, index_code, "
               "index_name, code, name, formula, weight, max_score, floor_value, target_value) "
               "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
               {council_id, kind, ++pos, it.index_code, it.index_name, it.code, it.name, it.formula,
                it.weight, it.max_score, it.floor_value, it.target_value})
            .status());
  }
  return version;
}

StatusOr<int64_t> InsertScorecardPeriod(Conn& c, const ScorecardPeriodRow& p) {
  POL_ASSIGN_OR_RETURN(auto existing, FindScorecardPeriod(c, p.council_id, p.kind, p.year, p.season));
  if (existing)
    return AlreadyExists("scorecard_period_exists",
                         "این دورهٔ ارزیابی پیش‌تر ساخته شده است.",
                         "period");
  POL_ASSIGN_OR_RETURN(
      Row r, c.QueryOne("INSERT INTO scorecard_periods(council_id, kind, year, season, from_ms, "
                        "to_ms, status, version, created_by, created_at) VALUES "
                        "(?,?,?,?,?,?,'open',1,?,?) RETURNING id",
                        {p.council_id, p.kind, p.year, p.season, p.from_ms, p.to_ms, Opt(p.created_by),
                         p.created_at}));
  return r.Int(0);
}

StatusOr<std::optional<ScorecardPeriodRow>> GetScorecardPeriod(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto r,
      c.QueryOpt(std::string("SELECT ") + kPeriodCols + " FROM scorecard_periods WHERE id = ?", {id}));
  if (!r) return std::optional<ScorecardPeriodRow>();
  return std::optional<ScorecardPeriodRow>(PeriodFrom(*r));
}

StatusOr<std::optional<ScorecardPeriodRow>> FindScorecardPeriod(Conn& c, int64_t council_id,
                                                                const std::string& kind, int64_t year,
                                                                int64_t season) {
  POL_ASSIGN_OR_RETURN(auto r, c.QueryOpt(std::string("SELECT ") + kPeriodCols +
                                              " FROM scorecard_periods WHERE council_id = ? AND kind = ? AND "
                                              "year = ? AND season = ?",
                                          {council_id, kind, year, season}));
  if (!r) return std::optional<ScorecardPeriodRow>();
  return std::optional<ScorecardPeriodRow>(PeriodFrom(*r));
}

StatusOr<std::vector<ScorecardPeriodRow>> ListScorecardPeriods(Conn& c, int64_t council_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kPeriodCols +
                                              " FROM scorecard_periods WHERE council_id = ? ORDER BY from_ms "
                                              "DESC, kind, id DESC",
                                          {council_id}));
  std::vector<ScorecardPeriodRow> out;
  for (const Row& r : rows) out.push_back(PeriodFrom(r));
  return out;
}

Status CloseScorecardPeriod(Conn& c, int64_t id, std::optional<int64_t> by, int64_t at) {
  POL_ASSIGN_OR_RETURN(int64_t n,
                       c.Exec("UPDATE scorecard_periods SET status = 'closed', closed_by = ?, "
                              "closed_at = ?, version = version + 1 WHERE id = ? AND status = 'open'",
                              {Opt(by), at, id}));
  if (n != 1) return VersionConflict();
  return Status::Ok();
}

Status UpsertScorecardScore(Conn& c, int64_t period_id, const ScorecardScoreRow& s) {
  return c
      .Exec(
          "INSERT INTO scorecard_scores(period_id, agency_id, item_code, score, note, scored_by, scored_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT (period_id, agency_id, item_code) DO UPDATE SET score = "
          "excluded.score, note = excluded.note, scored_by = excluded.scored_by, scored_at = "
          "excluded.scored_at",
          {period_id, s.agency_id, s.item_code, s.score, s.note, Opt(s.scored_by), s.scored_at})
      .status();
}

StatusOr<std::vector<ScorecardScoreRow>> ListScorecardScores(Conn& c, int64_t period_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT agency_id, item_code, score, note, scored_by, scored_at FROM "
                               "scorecard_scores WHERE period_id = ? ORDER BY agency_id, item_code",
                               {period_id}));
  std::vector<ScorecardScoreRow> out;
  for (const Row& r : rows) out.push_back({r.Int(0), r.Text(1), r.Real(2), r.Text(3), r.OptInt(4), r.Int(5)});
  return out;
}

StatusOr<int64_t> InsertScorecardEvidence(Conn& c, const ScorecardEvidenceRow& e) {
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("INSERT INTO scorecard_evidence(period_id, agency_id, item_code, "
                                         "file_name, content_type, size, sha256, uploaded_by, uploaded_at) "
                                         "VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                                         {e.period_id, e.agency_id, e.item_code, e.file_name, e.content_type,
                                          e.size, e.sha256, Opt(e.uploaded_by), e.uploaded_at}));
  return r.Int(0);
}

StatusOr<std::optional<ScorecardEvidenceRow>> GetScorecardEvidence(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto r,
      c.QueryOpt(std::string("SELECT ") + kEvidenceCols + " FROM scorecard_evidence WHERE id = ?", {id}));
  if (!r) return std::optional<ScorecardEvidenceRow>();
  return std::optional<ScorecardEvidenceRow>(EvidenceFrom(*r));
}

StatusOr<std::vector<ScorecardEvidenceRow>> ListScorecardEvidence(Conn& c, int64_t period_id) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kEvidenceCols +
                                              " FROM scorecard_evidence WHERE period_id = ? ORDER BY id",
                                          {period_id}));
  std::vector<ScorecardEvidenceRow> out;
  for (const Row& r : rows) out.push_back(EvidenceFrom(r));
  return out;
}

Status DeleteScorecardEvidence(Conn& c, int64_t id) {
  return c.Exec("DELETE FROM scorecard_evidence WHERE id = ?", {id}).status();
}

StatusOr<int64_t> CountScorecardEvidenceFiles(Conn& c, const std::string& sha256) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COUNT(*) FROM scorecard_evidence WHERE sha256 = ?", {sha256}));
  return r.Int(0);
}

Status InsertScorecardSnapshot(Conn& c, int64_t period_id, const std::vector<ScorecardSnapshotItemRow>& items,
                               const std::vector<ScorecardSnapshotTotalRow>& totals) {
  for (const ScorecardSnapshotItemRow& s : items) {
    POL_RETURN_IF_ERROR(
        c.Exec(
             "INSERT INTO scorecard_snapshot_items(period_id, agency_id, position, index_code, index_name, "
             "item_code, item_name, formula, weight, max_score, floor_value, target_value, raw, points) VALUES "
             "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
             {period_id, s.agency_id, s.position, s.item.index_code, s.item.index_name, s.item.code,
              s.item.name, s.item.formula, s.item.weight, s.item.max_score, s.item.floor_value,
              s.item.target_value, Opt(s.raw), s.points})
            .status());
  }
  for (const ScorecardSnapshotTotalRow& t : totals) {
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO scorecard_snapshot_totals(period_id, agency_id, agency_name, total, "
               "max_total, rank, previous_total) VALUES (?,?,?,?,?,?,?)",
               {period_id, t.agency_id, t.agency_name, t.total, t.max_total, t.rank, Opt(t.previous_total)})
            .status());
  }
  return Status::Ok();
}

StatusOr<std::vector<ScorecardSnapshotItemRow>> ScorecardSnapshotItems(Conn& c, int64_t period_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT agency_id, position, index_code, index_name, item_code, "
                               "item_name, formula, weight, max_score, floor_value, target_value, raw, "
                               "points FROM scorecard_snapshot_items WHERE period_id = ? ORDER BY "
                               "agency_id, position",
                               {period_id}));
  std::vector<ScorecardSnapshotItemRow> out;
  for (const Row& r : rows) {
    out.push_back({r.Int(0), r.Int(1),
                   ScorecardItemRow{r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Real(7),
                                    r.Real(8), r.Real(9), r.Real(10)},
                   OptReal(r, 11), r.Real(12)});
  }
  return out;
}

StatusOr<std::vector<ScorecardSnapshotTotalRow>> ScorecardSnapshotTotals(Conn& c, int64_t period_id) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query("SELECT agency_id, agency_name, total, max_total, rank, previous_total "
                               "FROM scorecard_snapshot_totals WHERE period_id = ? ORDER BY rank, "
                               "agency_name",
                               {period_id}));
  std::vector<ScorecardSnapshotTotalRow> out;
  for (const Row& r : rows)
    out.push_back({r.Int(0), r.Text(1), r.Real(2), r.Real(3), r.Int(4), OptReal(r, 5)});
  return out;
}

StatusOr<bool> HoldsCommitteeOffice(Conn& c, int64_t council_id, int64_t user_id) {
  POL_ASSIGN_OR_RETURN(auto r,
                       c.QueryOpt("SELECT 1 FROM committee_members m JOIN committees k ON k.id = "
                                  "m.committee_id WHERE k.council_id = ? AND m.user_id = ? AND m.role IN "
                                  "('chair', 'secretary') AND m.left_at IS NULL",
                                  {council_id, user_id}));
  return r.has_value();
}

}  // namespace pol::store
