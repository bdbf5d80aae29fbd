// The SQL of a full-text search, per backend, for the repositories that search (releases, the public
// site, media items): they splice these pieces into their queries and never spell a backend's search.
//
//   SQLite      FROM <t>_fts JOIN <t> <alias> ON <alias>.id = <t>_fts.rowid … WHERE <t>_fts MATCH ?
//   PostgreSQL  FROM <t> <alias> CROSS JOIN (SELECT CAST(? AS tsquery) AS q) sq … WHERE <alias>.search_vec @@ sq.q
// In both the one parameter (`param`) is the first placeholder of the FROM … WHERE text.
//
// Thread-safety: pure functions of the connection's backend.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/search_query.h"

namespace pol::store {

struct SearchSql {
  std::string from;       // " FROM … " naming the table as `alias` (append further JOINs after it)
  std::string condition;  // a WHERE condition (no leading AND)
  Value param;            // the first parameter, for the placeholder in `from` or `condition`
  std::string snippet;    // a select expression: a snippet with \x01…\x02 around matches
  std::string rank;       // ORDER BY terms, best first (append ", alias.id DESC")
  std::string newest;     // ORDER BY term for newest first when ranking is too costly
  // PostgreSQL only (empty on SQLite, where `newest` streams: FTS5 hands out matches in rowid order):
  // newest first as a walk of the table's newest kNewestWalkRows rows that tests each row. `newest`
  // there collects every match from the GIN index and sorts them: ~3 µs a match, right for a few
  // thousand, ruinous for thirty thousand, which the walk (~1 µs a row) serves in a few dozen rows a
  // match. Left to itself the planner walks for both: it costs a tsvector test like an integer
  // comparison (1,398 matches among 1,000,000 items: 39 ms walked, 7.5 ms collected; 32,898: 1.7 ms
  // walked, 89 ms collected).
  std::string walk_condition;
  std::string walk_newest;
};

// The rows the newest-first walk reads before it gives up for collecting.
inline constexpr int64_t kNewestWalkRows = 10000;

// The rows of a listing counted, a search's up to a cap: `total` exact, or the cap and `capped` when
// there are more.
struct MatchCount {
  int64_t total = 0;
  bool capped = false;
};

// Counts the rows of `from_where` (" FROM … WHERE …"; `params` its parameters): with a `cap` (a search)
// up to cap + 1 only (a LIMIT-ed subquery stops reading the matches there), without one exactly.
StatusOr<MatchCount> CountMatches(Conn& c, const std::string& from_where, Params params,
                                  std::optional<int64_t> cap);

// The page of a capped search, newest first: `page(condition, order)` runs the listing with that
// full-text condition and ORDER BY. Walks first where the backend has a walk and collects when the
// walk found less than `limit` rows; one query where `newest` streams.
StatusOr<Rows> NewestPage(
    const SearchSql& search, int64_t limit,
    const std::function<StatusOr<Rows>(const std::string& condition, const std::string& order)>& page);

// Every word of a search box (text::QueryWords) on releases (alias r).
SearchSql ReleaseWordsSearch(Conn& c, const std::vector<std::string>& words);

// A SearchQuery on media items (alias m); InvalidArgument "invalid_query" when malformed.
StatusOr<SearchSql> MediaItemSearch(Conn& c, const SearchQuery& q);

// The snippets of the media items `ids` for `search` (MediaItemSearch's), in one statement: id → snippet
// (an id the search does not match has none).
StatusOr<std::map<int64_t, std::string>> MediaItemSnippets(Conn& c, const SearchSql& search,
                                                           const std::vector<int64_t>& ids);

// Whether `c` is a PostgreSQL connection.
bool IsPostgres(Conn& c);

}  // namespace pol::store
