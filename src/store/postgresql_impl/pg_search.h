// Full-text search on PostgreSQL (docs/postgresql.md § Search).
//
// Index: each searchable table (releases, media_items; migrations 12 and 13) has a `search_vec tsvector`
// column with a GIN index and a `search_stale` flag a trigger sets when the text columns change (and
// that inserts start with). Before every write transaction commits, PostgresDatabase::Write calls
// RefreshSearchVectors, which computes the stale rows' terms with the text core (store/search_document.h,
// the same terms and positions SQLite's FTS5 tokenizer emits) and stores them as a tsvector: search terms
// are computed at write time, in the writing transaction. Columns are 100 positions apart, so a phrase or
// NEAR never matches across two columns (as in FTS5); tsvector positions stop at 16383.
//
// Query: the store's SearchQuery (store/search_query.h) renders to a tsquery over the same terms — words
// and phrases as `<->` chains, AND `&`, OR `|`, AND NOT `& !`, NEAR(a b, N) as "a within N terms of b in
// either order" (`<1>` … `<N+1>` both ways; three or more operands: every pair). Lexemes are quoted, so
// no user text is tsquery syntax.
//
// Thread-safety: pure functions, except RefreshSearchVectors (on the caller's connection).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "store/db.h"
#include "store/search_query.h"

namespace pol::store {

// The tsvector literal ('term':1,5 'other':2 …) of a document made of `columns`.
std::string TsVectorOf(const std::vector<std::string_view>& columns);

// The tsquery of a SearchQuery; InvalidArgument "invalid_query" for a malformed tree.
StatusOr<std::string> TsQueryOf(const SearchQuery& q);

// The tsquery requiring every word of a search box (text::QueryWords), like FtsMatchAll (store/sql_build.h):
// each word a phrase of its terms, a ZWNJ compound also its parts written apart. "" when no word has a term.
std::string TsQueryAllWords(const std::vector<std::string>& words);

// Recomputes search_vec for every row marked search_stale in the searchable tables that exist yet.
Status RefreshSearchVectors(Conn& c);

// Marks every row stale (RebuildSearchIndexes: the next refresh recomputes them).
Status MarkAllSearchVectorsStale(Conn& c);

}  // namespace pol::store
