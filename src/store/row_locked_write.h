// Row-locked writes: a write transaction that does not take the backend's global writer lock and relies
// on the row locks of the statements it runs instead — for the job queue's hot path (claims with
// `FOR UPDATE SKIP LOCKED`, completions, lease renewals), so that workers of several nodes claim and
// finish jobs side by side instead of queueing behind every other write of the cluster.
//
// PostgreSQL offers it (PostgresDatabase implements RowLockedWriter: READ COMMITTED, no advisory lock,
// no search-vector refresh — fn must not write searchable tables). SQLite has one writer anyway:
// WriteRowLocked falls back to Database::Write there, and SupportsRowLocks says false, so callers pick
// the SQL without `FOR UPDATE SKIP LOCKED`.
//
// The contract for fn: every statement is a single-table UPDATE/DELETE/INSERT whose WHERE re-checks the
// state it depends on (READ COMMITTED re-evaluates it after waiting for a row lock), or a SELECT … FOR
// UPDATE [SKIP LOCKED]. No read-modify-write across statements that relies on being the only writer.
//
// Thread-safety: as Database.
#pragma once

#include <functional>

#include "store/db.h"

namespace pol::store {

class RowLockedWriter {
 public:
  virtual Status WriteRowLocked(const std::function<Status(Conn&)>& fn) = 0;

 protected:
  ~RowLockedWriter() = default;
};

// Whether `db` runs row-locked writes without its global writer lock (PostgreSQL).
bool SupportsRowLocks(Database& db);
// db's row-locked write when it has one, else db.Write(fn).
Status WriteRowLocked(Database& db, const std::function<Status(Conn&)>& fn);

}  // namespace pol::store
