#include "store/council_repo.h"

namespace pol::store {
namespace {

constexpr const char* kCouncilCols = "id, slug, name, province, description, version, created_at, updated_at";
constexpr const char* kAgencyCols =
    "id, council_id, slug, name, short_name, website, pr_email, pr_phone, disabled, version, created_at, "
    "updated_at";

Council CouncilFromRow(const Row& r) {
  return Council{r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Int(7)};
}

Agency AgencyFromRow(const Row& r) {
  Agency a;
  a.id = r.Int(0);
  a.council_id = r.Int(1);
  a.slug = r.Text(2);
  a.name = r.Text(3);
  a.short_name = r.Text(4);
  a.website = r.Text(5);
  a.pr_email = r.Text(6);
  a.pr_phone = r.Text(7);
  a.disabled = r.Int(8) != 0;
  a.version = r.Int(9);
  a.created_at = r.Int(10);
  a.updated_at = r.Int(11);
  return a;
}

}  // namespace

StatusOr<int64_t> InsertCouncil(Conn& c, const Council& v) {
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("INSERT INTO councils(slug, name, province, description, version, "
                                  "created_at, updated_at) VALUES (?,?,?,?,1,?,?) RETURNING id",
                                  {v.slug, v.name, v.province, v.description, v.created_at, v.created_at}));
  return r.Int(0);
}

StatusOr<Council> GetCouncil(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCouncilCols + " FROM councils WHERE id = ?", {id}));
  if (!row) return NotFound("شورا پیدا نشد.");
  return CouncilFromRow(*row);
}

StatusOr<std::optional<Council>> FindCouncilBySlug(Conn& c, const std::string& slug) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kCouncilCols + " FROM councils WHERE slug = ?", {slug}));
  if (!row) return std::optional<Council>();
  return std::optional<Council>(CouncilFromRow(*row));
}

StatusOr<std::vector<Council>> ListCouncils(Conn& c) {
  POL_ASSIGN_OR_RETURN(Rows rows,
                       c.Query(std::string("SELECT ") + kCouncilCols + " FROM councils ORDER BY id"));
  std::vector<Council> out;
  for (const Row& r : rows) out.push_back(CouncilFromRow(r));
  return out;
}

Status UpdateCouncil(Conn& c, const Council& v, int64_t now) {
  POL_ASSIGN_OR_RETURN(int64_t n, c.Exec("UPDATE councils SET name = ?, province = ?, description = ?, "
                                         "version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                                         {v.name, v.province, v.description, now, v.id, v.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

StatusOr<int64_t> InsertAgency(Conn& c, const Agency& v) {
  POL_ASSIGN_OR_RETURN(
      Row r,
      c.QueryOne("INSERT INTO agencies(council_id, slug, name, short_name, website, pr_email, pr_phone, "
                 "disabled, version, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,1,?,?) RETURNING id",
                 {v.council_id, v.slug, v.name, v.short_name, v.website, v.pr_email, v.pr_phone,
                  int64_t{v.disabled}, v.created_at, v.created_at}));
  return r.Int(0);
}

StatusOr<Agency> GetAgency(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt(std::string("SELECT ") + kAgencyCols + " FROM agencies WHERE id = ?", {id}));
  if (!row) return NotFound("دستگاه پیدا نشد.");
  return AgencyFromRow(*row);
}

StatusOr<std::optional<Agency>> FindAgencyBySlug(Conn& c, int64_t council_id, const std::string& slug) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt(std::string("SELECT ") + kAgencyCols +
                                                " FROM agencies WHERE council_id = ? AND slug = ?",
                                            {council_id, slug}));
  if (!row) return std::optional<Agency>();
  return std::optional<Agency>(AgencyFromRow(*row));
}

StatusOr<std::pair<std::vector<Agency>, int64_t>> ListAgencies(Conn& c, const AgencyFilter& f) {
  std::string where = " WHERE 1=1";
  Params params;
  if (f.council_id) {
    where += " AND council_id = ?";
    params.emplace_back(*f.council_id);
  }
  if (f.only_council_ids) where += " AND council_id IN " + InList(*f.only_council_ids, params);
  if (!f.query.empty()) {
    where += " AND (name LIKE ? ESCAPE '\\' OR short_name LIKE ? ESCAPE '\\' OR slug LIKE ? ESCAPE '\\')";
    std::string like = LikeContains(f.query);
    params.insert(params.end(), {like, like, like});
  }
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*) FROM agencies" + where, params));
  Params page = params;
  page.emplace_back(f.limit);
  page.emplace_back(f.offset);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kAgencyCols + " FROM agencies" + where +
                                              " ORDER BY id LIMIT ? OFFSET ?",
                                          page));
  std::vector<Agency> out;
  for (const Row& r : rows) out.push_back(AgencyFromRow(r));
  return std::make_pair(std::move(out), count.Int(0));
}

Status UpdateAgency(Conn& c, const Agency& v, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      int64_t n, c.Exec("UPDATE agencies SET slug = ?, name = ?, short_name = ?, website = ?, pr_email = ?, "
                        "pr_phone = ?, disabled = ?, version = version + 1, updated_at = ? "
                        "WHERE id = ? AND version = ?",
                        {v.slug, v.name, v.short_name, v.website, v.pr_email, v.pr_phone, int64_t{v.disabled},
                         now, v.id, v.version}));
  if (n == 0) return VersionConflict();
  return Status::Ok();
}

}  // namespace pol::store
