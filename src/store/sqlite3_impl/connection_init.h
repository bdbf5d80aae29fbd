// Connection initializers for the SQLite backend: functions run on every
// connection right after it is opened (writer and readers), e.g. to register
// FTS5 tokenizers or SQL functions. The store calls them without knowing what
// they are for; the Pol FTS5 tokenizer (fts_pol_tokenizer.h) is installed by
// default so that every connection can write and query the search index.
//
// Thread-safety: AddSqliteConnectionInit and RunSqliteConnectionInits are
// thread-safe; add initializers before opening databases that need them.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <string>

#include "base/status.h"

namespace pol::store {

using SqliteConnectionInit = std::function<Status(sqlite3*)>;

// Adds an initializer under `name`; adding a name twice keeps the first.
void AddSqliteConnectionInit(const std::string& name, SqliteConnectionInit init);

// Runs every initializer on `db` in the order added; stops at the first error.
Status RunSqliteConnectionInits(sqlite3* db);

}  // namespace pol::store
