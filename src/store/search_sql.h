// The SQL of a full-text search, per backend, for the repositories that search (releases, the public
// site, media items): they splice these pieces into their queries and never spell a backend's search.
//
//   SQLite      FROM <t>_fts JOIN <t> <alias> ON <alias>.id = <t>_fts.rowid … WHERE <t>_fts MATCH ?
//   PostgreSQL  FROM <t> <alias> CROSS JOIN (SELECT CAST(? AS tsquery) AS q) sq … WHERE <alias>.search_vec @@ sq.q
// In both the one parameter (`param`) is the first placeholder of the FROM … WHERE text.
//
// Thread-safety: pure functions of the connection's backend.
#pragma once

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
};

// Every word of a search box (text::QueryWords) on releases (alias r).
SearchSql ReleaseWordsSearch(Conn& c, const std::vector<std::string>& words);

// A SearchQuery on media items (alias m); InvalidArgument "invalid_query" when malformed.
StatusOr<SearchSql> MediaItemSearch(Conn& c, const SearchQuery& q);

// The snippet of one media item for `search` (MediaItemSearch's), the item `id`.
StatusOr<std::string> MediaItemSnippet(Conn& c, const SearchSql& search, int64_t id);

// Whether `c` is a PostgreSQL connection.
bool IsPostgres(Conn& c);

}  // namespace pol::store
