#include "store/site_repo.h"

#include <map>

#include "store/council_repo.h"
#include "store/search_sql.h"
#include "store/sql_build.h"

namespace pol::store {
namespace {

constexpr const char* kPublic =
    "r.status IN ('published', 'corrected') AND (r.embargo_until IS NULL OR r.embargo_until <= ?)";

std::string Columns(bool with_body) {
  return std::string(
             "r.id, r.agency_id, r.council_id, a.slug, a.name, r.status, r.over_title, r.title, r.lead, ") +
         (with_body ? "r.body_html" : "''") +
         ", r.category, r.source_line, r.slug, COALESCE(r.published_at, r.updated_at), r.updated_at, "
         "r.corrected_at, r.withdrawn_at, r.correction_note, r.withdrawn_reason";
}

constexpr size_t kColumnCount = 19;  // of Columns()

SiteRelease FromRow(const Row& row) {
  SiteRelease r;
  r.id = row.Int(0);
  r.agency_id = row.Int(1);
  r.council_id = row.Int(2);
  r.agency_slug = row.Text(3);
  r.agency_name = row.Text(4);
  r.status = row.Text(5);
  r.over_title = row.Text(6);
  r.title = row.Text(7);
  r.lead = row.Text(8);
  r.body_html = row.Text(9);
  r.category = row.Text(10);
  r.source_line = row.Text(11);
  r.slug = row.Text(12);
  r.published_at = row.Int(13);
  r.updated_at = row.Int(14);
  r.corrected_at = row.OptInt(15);
  r.withdrawn_at = row.OptInt(16);
  r.correction_note = row.Text(17);
  r.withdrawn_reason = row.Text(18);
  return r;
}

// " AND …" conditions of a query other than the status/embargo test.
std::string Filters(const SiteQuery& q, Params& params) {
  std::string where = " AND r.council_id = ?";
  params.emplace_back(q.council_id);
  if (q.agency_id) {
    where +=
        " AND (r.agency_id = ? OR r.id IN (SELECT release_id FROM release_agencies WHERE agency_id = ?))";
    params.emplace_back(*q.agency_id);
    params.emplace_back(*q.agency_id);
  }
  if (q.tag) {
    where += " AND r.id IN (SELECT release_id FROM release_tags WHERE tag = ?)";
    params.emplace_back(*q.tag);
  }
  return where;
}

Status FillTagsAndPhotos(Conn& c, std::vector<SiteRelease>& releases, bool all_photos) {
  if (releases.empty()) return Status::Ok();
  std::vector<int64_t> ids;
  std::map<int64_t, SiteRelease*> by_id;
  for (SiteRelease& r : releases) {
    ids.push_back(r.id);
    by_id[r.id] = &r;
  }
  Params params;
  std::string in = InList(ids, params);
  POL_ASSIGN_OR_RETURN(Rows tags, c.Query("SELECT release_id, tag FROM release_tags WHERE release_id IN " +
                                              in + " ORDER BY release_id, tag",
                                          params));
  for (const Row& t : tags) by_id[t.Int(0)]->tags.push_back(t.Text(1));
  POL_ASSIGN_OR_RETURN(
      Rows photos,
      c.Query("SELECT rm.release_id, m.id, CASE WHEN rm.caption <> '' THEN rm.caption ELSE m.caption END, "
              "m.content_type, m.width, m.height FROM release_media rm JOIN media m ON m.id = rm.media_id "
              "WHERE rm.release_id IN " +
                  in + " ORDER BY rm.release_id, rm.position, m.id",
              params));
  for (const Row& p : photos) {
    SiteRelease* r = by_id[p.Int(0)];
    if (!all_photos && !r->photos.empty()) continue;
    r->photos.push_back(SitePhoto{p.Int(1), p.Text(2), p.Text(3), p.Int(4), p.Int(5)});
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::pair<std::vector<SiteRelease>, int64_t>> ListPublicReleases(Conn& c, const SiteQuery& q) {
  const bool fts = !q.words.empty();
  Params params;
  std::string from = " FROM releases r JOIN agencies a ON a.id = r.agency_id";
  std::string where = " WHERE " + std::string(kPublic);
  const SearchSql search = fts ? ReleaseWordsSearch(c, q.words) : SearchSql{};
  if (fts) {
    from = search.from + " JOIN agencies a ON a.id = r.agency_id";
    where = " WHERE " + search.condition + " AND " + std::string(kPublic);
    params.push_back(search.param);
  }
  params.emplace_back(q.now);
  where += Filters(q, params);
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*)" + from + where, params));
  Params page = params;
  page.emplace_back(q.limit);
  page.emplace_back(q.offset);
  std::string sql = "SELECT " + Columns(q.with_body);
  if (fts) sql += ", " + search.snippet;
  sql += from + where;
  sql += fts ? " ORDER BY " + search.rank + ", r.id DESC"
             : " ORDER BY COALESCE(r.published_at, r.updated_at) DESC, r.id DESC";
  sql += " LIMIT ? OFFSET ?";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, page));
  std::vector<SiteRelease> out;
  out.reserve(rows.size());
  for (const Row& row : rows) {
    out.push_back(FromRow(row));
    if (fts) out.back().snippet = row.Text(kColumnCount);
  }
  POL_RETURN_IF_ERROR(FillTagsAndPhotos(c, out, /*all_photos=*/false));
  return std::make_pair(std::move(out), count.Int(0));
}

StatusOr<int64_t> LastPublicChange(Conn& c, const SiteQuery& q) {
  Params params{q.now};
  std::string sql =
      "SELECT MAX(CASE WHEN r.embargo_until IS NOT NULL AND r.embargo_until > r.updated_at "
      "THEN r.embargo_until ELSE r.updated_at END) FROM releases r "
      "WHERE r.status IN ('published', 'corrected', 'withdrawn') AND "
      "(r.embargo_until IS NULL OR r.embargo_until <= ?)" +
      Filters(q, params);
  POL_ASSIGN_OR_RETURN(Row row, c.QueryOne(sql, params));
  return row.OptInt(0).value_or(0);
}

StatusOr<std::optional<SiteRelease>> GetSiteRelease(Conn& c, int64_t id, int64_t now) {
  POL_ASSIGN_OR_RETURN(
      auto row, c.QueryOpt("SELECT " + Columns(true) +
                               " FROM releases r JOIN agencies a ON a.id = r.agency_id WHERE r.id = ? AND "
                               "(r.status = 'withdrawn' OR (" +
                               kPublic + "))",
                           {id, now}));
  if (!row) return std::optional<SiteRelease>();
  std::vector<SiteRelease> one{FromRow(*row)};
  POL_RETURN_IF_ERROR(FillTagsAndPhotos(c, one, /*all_photos=*/true));
  return std::optional<SiteRelease>(std::move(one.front()));
}

StatusOr<std::vector<SiteTag>> PopularTags(Conn& c, int64_t council_id, int64_t now, int64_t limit) {
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("SELECT t.tag, COUNT(*) AS n FROM release_tags t JOIN releases r ON r.id = t.release_id "
              "WHERE " +
                  std::string(kPublic) +
                  " AND r.council_id = ? "
                  "GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT ?",
              {now, council_id, limit}));
  std::vector<SiteTag> out;
  for (const Row& r : rows) out.push_back(SiteTag{r.Text(0), r.Int(1)});
  return out;
}

StatusOr<std::vector<SitemapEntry>> SitemapEntries(Conn& c, int64_t council_id, int64_t now, int64_t limit) {
  POL_ASSIGN_OR_RETURN(
      Rows rows, c.Query("SELECT r.id, r.updated_at, r.slug FROM releases r WHERE " + std::string(kPublic) +
                             " AND r.council_id = ? "
                             "ORDER BY COALESCE(r.published_at, r.updated_at) DESC, r.id DESC LIMIT ?",
                         {now, council_id, limit}));
  std::vector<SitemapEntry> out;
  for (const Row& r : rows) out.push_back(SitemapEntry{r.Int(0), r.Int(1), r.Text(2)});
  return out;
}

StatusOr<bool> MediaIsPublic(Conn& c, int64_t media_id, int64_t now) {
  POL_ASSIGN_OR_RETURN(auto row,
                       c.QueryOpt("SELECT 1 FROM release_media rm JOIN releases r ON r.id = rm.release_id "
                                  "WHERE rm.media_id = ? AND " +
                                      std::string(kPublic) + " LIMIT 1",
                                  {media_id, now}));
  return row.has_value();
}

StatusOr<std::string> ContentStamp(Conn& c) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("SELECT (SELECT MAX(id) FROM audit_log), (SELECT MAX(id) FROM releases), "
                                  "(SELECT MAX(updated_at) FROM releases)",
                                  {}));
  return std::to_string(row.OptInt(0).value_or(0)) + ":" + std::to_string(row.OptInt(1).value_or(0)) + ":" +
         std::to_string(row.OptInt(2).value_or(0));
}

StatusOr<int64_t> NextEmbargoEnd(Conn& c, int64_t now) {
  POL_ASSIGN_OR_RETURN(Row row,
                       c.QueryOne("SELECT MIN(embargo_until) FROM releases WHERE embargo_until > ? AND "
                                  "status IN ('published', 'corrected')",
                                  {now}));
  return row.OptInt(0).value_or(0);
}

}  // namespace pol::store
