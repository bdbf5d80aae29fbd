#include "store/postgresql_impl/pg_db.h"

#include <utility>

#include "store/postgresql_impl/pg_listener.h"
#include "store/postgresql_impl/pg_search.h"
#include "store/postgresql_impl/pg_sql.h"
#include "store/write_count.h"

namespace pol::store {

StatusOr<std::unique_ptr<Database>> OpenPostgres(const PostgresOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(options);
  POL_ASSIGN_OR_RETURN(auto conn, db->Acquire());  // fails now, with PostgreSQL's message, when unreachable
  db->Release(std::move(conn));
  return std::unique_ptr<Database>(std::move(db));
}

std::string PostgresDatabase::ExpandDdl(std::string_view ddl) const { return ExpandPostgresDdl(ddl); }

StatusOr<std::unique_ptr<PgConn>> PostgresDatabase::Acquire() {
  {
    MutexLock l(&pool_mu_);
    while (idle_.empty() && open_ >= std::max(1, options_.pool_size)) pool_cv_.Wait();
    while (!idle_.empty()) {
      std::unique_ptr<PgConn> conn = std::move(idle_.back());
      idle_.pop_back();
      if (conn->Healthy()) return conn;
      --open_;  // lost (the server restarted): dropped, a fresh one below
    }
    ++open_;
  }
  StatusOr<PGconn*> raw = ConnectPostgres(options_.url);
  if (!raw.ok()) {
    {
      MutexLock l(&pool_mu_);
      --open_;
    }
    pool_cv_.Signal();
    return raw.status();
  }
  return std::make_unique<PgConn>(*raw);
}

void PostgresDatabase::Release(std::unique_ptr<PgConn> conn) {
  {
    MutexLock l(&pool_mu_);
    if (conn->Healthy() && !conn->InTransaction()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;  // lost or stuck in a transaction: closed
    }
  }
  pool_cv_.Signal();
}

Status PostgresDatabase::InTransaction(const char* begin, Lock lock, const std::function<Status(Conn&)>& fn) {
  POL_ASSIGN_OR_RETURN(std::unique_ptr<PgConn> conn, Acquire());
  Status s = conn->Exec(begin, {}).status();
  // An idle connection the server dropped (a restart, pg_terminate_backend) shows only when used: BEGIN
  // fails and nothing ran, so the transaction starts again on a fresh connection.
  for (int retry = 0; !s.ok() && !conn->Healthy() && retry <= options_.pool_size; ++retry) {
    Release(std::move(conn));
    POL_ASSIGN_OR_RETURN(conn, Acquire());
    s = conn->Exec(begin, {}).status();
  }
  if (s.ok() && lock == Lock::kWriter)
    s = conn->Query("SELECT pg_advisory_xact_lock(?)", {kWriterLockKey}).status();
  if (s.ok()) s = fn(*conn);
  if (s.ok() && lock == Lock::kWriter) s = RefreshSearch(*conn);
  if (s.ok()) s = conn->Exec("COMMIT", {}).status();  // sends fn's deferred writes first (ExecLater)
  // A failed fn, or a COMMIT that did not run (a deferred write before it failed): the transaction goes.
  if (!s.ok() && conn->Healthy() && conn->InTransaction()) (void)conn->Exec("ROLLBACK", {});
  Release(std::move(conn));
  return s;
}

// The search vectors of rows this transaction wrote, before it commits — once migrations 12 and 13 made
// the columns (until then each write asks).
Status PostgresDatabase::RefreshSearch(PgConn& conn) {
  if (!search_ready_.load()) {
    POL_ASSIGN_OR_RETURN(Row r,
                         conn.QueryOne("SELECT COUNT(*) FROM information_schema.columns WHERE "
                                       "table_schema = current_schema() AND column_name = 'search_stale'"));
    if (r.Int(0) < 2) return Status::Ok();
    search_ready_.store(true);
  }
  return RefreshSearchVectors(conn);
}

Status PostgresDatabase::Read(const std::function<Status(Conn&)>& fn) {
  return InTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", Lock::kNone, fn);
}

Status PostgresDatabase::Write(const std::function<Status(Conn&)>& fn) {
  MutexLock l(&writer_mu_);
  Status s = InTransaction("BEGIN ISOLATION LEVEL READ COMMITTED", Lock::kWriter, fn);
  if (s.ok()) CountCommittedWrite();
  return s;
}

// No node mutex and no advisory lock: row-locked writers of every node run side by side.
Status PostgresDatabase::WriteRowLocked(const std::function<Status(Conn&)>& fn) {
  Status s = InTransaction("BEGIN ISOLATION LEVEL READ COMMITTED", Lock::kRows, fn);
  if (s.ok()) CountCommittedWrite();
  return s;
}

StatusOr<std::unique_ptr<Listener>> PostgresDatabase::Listen(
    const std::string& channel, std::function<void(const std::string&)> on_notify) {
  return ListenPostgres(options_.url, channel, std::move(on_notify));
}

Status PostgresDatabase::RebuildSearchIndexes() {
  return Write([](Conn& c) { return MarkAllSearchVectorsStale(c); });  // Write refreshes them before COMMIT
}

Status PostgresDatabase::Ping() {
  return Read([](Conn& c) { return c.QueryOne("SELECT 1").status(); });
}

}  // namespace pol::store
