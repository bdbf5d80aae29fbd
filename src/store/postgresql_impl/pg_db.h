// PostgreSQL backend of the store (see store/db.h for the contract; docs/postgresql.md).
//
// A pool of libpq connections, opened on demand up to `pool_size`, each with its own prepared-statement
// cache. A connection is checked before it is handed out and replaced when it was lost, so the node
// recovers by itself when the server comes back (meanwhile calls answer kUnavailable → 503).
//
// Isolation. Read(fn) runs in a REPEATABLE READ, READ ONLY transaction (one snapshot, like an SQLite
// read transaction). Write(fn) keeps SQLite's single-writer guarantee across every node: it runs under
// the transaction-scoped advisory lock kWriterLockKey, taken first thing in the transaction, so every
// read-modify-write the repositories do in a Write (tracking numbers, meeting numbers, lockout counters,
// job claims, `version` checks) sees the previous writer's commit and no other writer meanwhile. Writers
// on one node also queue on a mutex, so they hold one pool connection at a time. Before COMMIT a write
// recomputes the search vectors of the rows it changed (pg_search.h). WriteRowLocked (row_locked_write.h)
// is the exception: a READ COMMITTED transaction without the advisory lock, for the job queue's claims,
// completions and lease renewals, which lock only their rows (FOR UPDATE SKIP LOCKED).
//
// Only store/open.cc and this folder include this header.
//
// Thread-safety: PostgresDatabase is thread-safe; a Conn belongs to the calling thread inside fn.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "store/db.h"
#include "store/notifications.h"
#include "store/postgresql_impl/pg_conn.h"
#include "store/row_locked_write.h"

namespace pol::store {

struct PostgresOptions {
  std::string url;    // postgresql://user@host:port/db?… (libpq URI)
  int pool_size = 8;  // connections at most
};

// The advisory lock every Write holds (pg_advisory_xact_lock); "pol" in ASCII.
inline constexpr int64_t kWriterLockKey = 0x706f6c;

// Connects once (a clear kUnavailable when the server cannot be reached) and returns the database.
StatusOr<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options);

class PostgresDatabase final : public Database, public RowLockedWriter, public NotificationSource {
 public:
  explicit PostgresDatabase(PostgresOptions options) : options_(std::move(options)) {}
  ~PostgresDatabase() override = default;

  Status Read(const std::function<Status(Conn&)>& fn) override;
  Status Write(const std::function<Status(Conn&)>& fn) override;
  Status WriteRowLocked(const std::function<Status(Conn&)>& fn) override;
  StatusOr<std::unique_ptr<Listener>> Listen(const std::string& channel,
                                             std::function<void(const std::string&)> on_notify) override;
  Status RebuildSearchIndexes() override;
  Status Ping() override;
  std::string BackendName() const override { return "postgresql"; }
  std::string ExpandDdl(std::string_view ddl) const override;

  // Hands out an idle healthy connection or opens one (waiting when pool_size are in use).
  StatusOr<std::unique_ptr<PgConn>> Acquire();
  void Release(std::unique_ptr<PgConn> conn);

 private:
  Status RefreshSearch(PgConn& conn);
  enum class Lock { kNone, kWriter, kRows };
  Status InTransaction(const char* begin, Lock lock, const std::function<Status(Conn&)>& fn);

  const PostgresOptions options_;
  Mutex writer_mu_;  // one writer per node at a time (the advisory lock orders the nodes)
  Mutex pool_mu_;
  CondVar pool_cv_{&pool_mu_};
  std::vector<std::unique_ptr<PgConn>> idle_ GUARDED_BY(pool_mu_);
  int open_ GUARDED_BY(pool_mu_) = 0;      // connections handed out or idle
  std::atomic<bool> search_ready_{false};  // migrations 12 and 13 applied
};

}  // namespace pol::store
