#include "store/search_sql.h"

#include "store/postgresql_impl/pg_conn.h"
#include "store/postgresql_impl/pg_search.h"
#include "store/sql_build.h"
#include "store/sqlite3_impl/fts5_query.h"

namespace pol::store {
namespace {

// ts_headline over the 'simple' parser: it marks the words whose own spelling is a query term.
std::string PgSnippet(const std::string& text) {
  return "ts_headline('simple', " + text +
         ", sq.q, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || "
         "', MaxWords=24, MinWords=8, ShortWord=0, MaxFragments=1, FragmentDelimiter=…')";
}

// Newest first from the matches the GIN index gives: `+ 0` keeps the planner off the primary key's
// ordered walk, so it collects the matches and sorts them.
std::string PgCollectThenSort(const std::string& alias) { return "(" + alias + ".id + 0) DESC"; }

// The function behind @@ — the same test, in a form the GIN index does not answer, so the planner walks
// the primary key from the newest row — on the newest kNewestWalkRows ids of `table`.
std::string PgWalk(const std::string& alias, const std::string& table) {
  return "ts_match_vq(" + alias + ".search_vec, sq.q) AND " + alias + ".id > (SELECT MAX(id) FROM " + table +
         ") - " + std::to_string(kNewestWalkRows);
}

}  // namespace

StatusOr<MatchCount> CountMatches(Conn& c, const std::string& from_where, Params params,
                                  std::optional<int64_t> cap) {
  if (!cap) {
    POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(*)" + from_where, params));
    return MatchCount{.total = r.Int(0)};
  }
  params.emplace_back(*cap + 1);
  POL_ASSIGN_OR_RETURN(Row r,
                       c.QueryOne("SELECT COUNT(*) FROM (SELECT 1" + from_where + " LIMIT ?) t", params));
  if (r.Int(0) <= *cap) return MatchCount{.total = r.Int(0)};
  return MatchCount{.total = *cap, .capped = true};
}

StatusOr<Rows> NewestPage(
    const SearchSql& search, int64_t limit,
    const std::function<StatusOr<Rows>(const std::string& condition, const std::string& order)>& page) {
  if (!search.walk_condition.empty()) {
    POL_ASSIGN_OR_RETURN(Rows walked, page(search.walk_condition, search.walk_newest));
    if (static_cast<int64_t>(walked.size()) >= limit) return walked;
  }
  return page(search.condition, search.newest);
}

bool IsPostgres(Conn& c) { return dynamic_cast<PgConn*>(&c) != nullptr; }

SearchSql ReleaseWordsSearch(Conn& c, const std::vector<std::string>& words) {
  if (IsPostgres(c)) {
    return {.from = " FROM releases r CROSS JOIN (SELECT CAST(? AS tsquery) AS q) sq",
            .condition = "r.search_vec @@ sq.q",
            .param = TsQueryAllWords(words),
            .snippet = PgSnippet("r.title || ' ' || r.lead || ' ' || r.body_text"),
            .rank = "ts_rank(r.search_vec, sq.q) DESC",
            .newest = PgCollectThenSort("r"),
            .walk_condition = PgWalk("r", "releases"),
            .walk_newest = "r.id DESC"};
  }
  // CROSS JOIN fixes the join order (SQLite's rule): the FTS5 matches first, then their rows. With a plain
  // JOIN the planner may walk an index of releases (council_id, updated_at) and evaluate the MATCH once
  // per release — two seconds a query at 100,000 releases instead of milliseconds.
  return {.from = " FROM releases_fts CROSS JOIN releases r ON r.id = releases_fts.rowid",
          .condition = "releases_fts MATCH ?",
          .param = FtsMatchAll(words),
          .snippet = "snippet(releases_fts, -1, char(1), char(2), '…', 24)",
          .rank = "releases_fts.rank",
          .newest = "releases_fts.rowid DESC"};
}

StatusOr<SearchSql> MediaItemSearch(Conn& c, const SearchQuery& q) {
  if (IsPostgres(c)) {
    POL_ASSIGN_OR_RETURN(std::string tsq, TsQueryOf(q));
    return SearchSql{.from = " FROM media_items m CROSS JOIN (SELECT CAST(? AS tsquery) AS q) sq",
                     .condition = "m.search_vec @@ sq.q",
                     .param = tsq,
                     .snippet = PgSnippet("m.title || ' ' || m.lead || ' ' || m.body"),
                     .rank = "ts_rank(m.search_vec, sq.q) DESC",
                     .newest = PgCollectThenSort("m"),
                     .walk_condition = PgWalk("m", "media_items"),
                     .walk_newest = "m.id DESC"};
  }
  POL_ASSIGN_OR_RETURN(std::string match, Fts5MatchExpression(q));
  return SearchSql{.from = " FROM media_items_fts CROSS JOIN media_items m ON m.id = media_items_fts.rowid",
                   .condition = "media_items_fts MATCH ?",
                   .param = match,
                   .snippet = "snippet(media_items_fts, -1, char(1), char(2), '…', 24)",
                   .rank = "media_items_fts.rank",
                   .newest = "media_items_fts.rowid DESC"};
}

StatusOr<std::map<int64_t, std::string>> MediaItemSnippets(Conn& c, const SearchSql& search,
                                                           const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> out;
  if (ids.empty()) return out;
  // One statement for the page: on PostgreSQL each statement is a round trip, and fifty of them cost
  // more than the fifty headlines (~25 ms against ~4 ms at 1,000,000 items).
  Params params{search.param};
  const std::string in = InList(ids, params);
  const std::string sql = IsPostgres(c)
                              ? "SELECT m.id, " + search.snippet + search.from + " WHERE m.id IN " + in
                              : "SELECT rowid, " + search.snippet + " FROM media_items_fts WHERE " +
                                    search.condition + " AND rowid IN " + in;
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  for (const Row& r : rows) out[r.Int(0)] = r.Text(1);
  return out;
}

}  // namespace pol::store
