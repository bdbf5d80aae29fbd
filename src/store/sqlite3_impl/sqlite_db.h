// SQLite backend of the store (see store/db.h for the contract).
//
// One writer connection (guarded by writer_mu_) and a small pool of reader
// connections; WAL journal so readers never block the writer; synchronous=FULL so
// a commit is on disk before Write() returns. Only store/open.cc and this folder
// include this header; everything else opens a database with store::Open.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "store/db.h"

namespace pol::store {

struct SqliteOptions {
  std::string path;  // the database file
  int readers = 4;   // reader connections
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed, 0600) an SQLite database in WAL mode with synchronous=FULL:
// an acknowledged (committed) write survives kill -9 and power loss. SQLite gives its -wal and
// -shm files the database file's mode.
StatusOr<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

// Expands the portable DDL macros of store/db.h for SQLite.
std::string ExpandSqliteDdl(std::string_view sql);

class SqliteConn final : public Conn {
 public:
  explicit SqliteConn(sqlite3* db) : db_(db) {}
  ~SqliteConn() override;
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  StatusOr<Rows> Query(std::string_view sql, const Params& params) override;
  StatusOr<int64_t> Exec(std::string_view sql, const Params& params) override;
  Status ExecScript(std::string_view sql) override;

  sqlite3* raw() { return db_; }

 private:
  StatusOr<sqlite3_stmt*> Prepare(std::string_view sql, const Params& params);
  Status Error(int rc, std::string_view what);

  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDatabase final : public Database {
 public:
  static StatusOr<std::unique_ptr<Database>> Open(const SqliteOptions& options);
  ~SqliteDatabase() override = default;

  Status Read(const std::function<Status(Conn&)>& fn) override;
  Status Write(const std::function<Status(Conn&)>& fn) override;
  Status RebuildSearchIndexes() override;
  Status Ping() override;
  Status BackupTo(const std::string& path) override;
  Status CheckIntegrity() override;
  std::string BackendName() const override { return "sqlite"; }
  std::string ExpandDdl(std::string_view ddl) const override { return ExpandSqliteDdl(ddl); }

 private:
  SqliteDatabase() = default;

  Mutex writer_mu_;
  std::unique_ptr<SqliteConn> writer_ GUARDED_BY(writer_mu_);

  Mutex readers_mu_;
  CondVar readers_cv_{&readers_mu_};
  std::vector<std::unique_ptr<SqliteConn>> idle_readers_ GUARDED_BY(readers_mu_);
};

}  // namespace pol::store
