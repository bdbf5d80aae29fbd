// PostgreSQL spelling of the store's portable SQL (store/db.h). Pure functions.
//
//   RewritePlaceholders  `?` → `$1, $2, …`, leaving string literals, quoted identifiers and comments alone.
//   ExpandPostgresDdl    the DDL macros of store::Migration: ${ID}, ${INT64}, ${DOUBLE}, ${BLOB}.
//   ParseUniqueViolation the columns of a unique violation from PostgreSQL's DETAIL
//                        ("Key (council_id, slug)=(1, x) already exists.").
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pol::store {

// Returns the SQL with every `?` outside literals, quoted identifiers and comments numbered; `count`
// receives the number of placeholders.
std::string RewritePlaceholders(std::string_view sql, int* count);

std::string ExpandPostgresDdl(std::string_view ddl);

// The column list of a DETAIL "Key (a, b)=(…) already exists."; empty when it does not parse.
std::vector<std::string> ParseUniqueViolationColumns(std::string_view detail);

}  // namespace pol::store
