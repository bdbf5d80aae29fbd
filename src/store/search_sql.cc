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

}  // namespace

bool IsPostgres(Conn& c) { return dynamic_cast<PgConn*>(&c) != nullptr; }

SearchSql ReleaseWordsSearch(Conn& c, const std::vector<std::string>& words) {
  if (IsPostgres(c)) {
    return {.from = " FROM releases r CROSS JOIN (SELECT CAST(? AS tsquery) AS q) sq",
            .condition = "r.search_vec @@ sq.q",
            .param = TsQueryAllWords(words),
            .snippet = PgSnippet("r.title || ' ' || r.lead || ' ' || r.body_text"),
            .rank = "ts_rank(r.search_vec, sq.q) DESC",
            .newest = "r.id DESC"};
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
                     .newest = "m.id DESC"};
  }
  POL_ASSIGN_OR_RETURN(std::string match, Fts5MatchExpression(q));
  return SearchSql{.from = " FROM media_items_fts CROSS JOIN media_items m ON m.id = media_items_fts.rowid",
                   .condition = "media_items_fts MATCH ?",
                   .param = match,
                   .snippet = "snippet(media_items_fts, -1, char(1), char(2), '…', 24)",
                   .rank = "media_items_fts.rank",
                   .newest = "media_items_fts.rowid DESC"};
}

StatusOr<std::string> MediaItemSnippet(Conn& c, const SearchSql& search, int64_t id) {
  const std::string sql =
      IsPostgres(c)
          ? "SELECT " + search.snippet + search.from + " WHERE m.id = ?"
          : "SELECT " + search.snippet + " FROM media_items_fts WHERE media_items_fts MATCH ? AND rowid = ?";
  POL_ASSIGN_OR_RETURN(auto r, c.QueryOpt(sql, {search.param, id}));
  return r ? r->Text(0) : std::string();
}

}  // namespace pol::store
