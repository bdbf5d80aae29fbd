// SQLite backend of the store (see store/db.h for the contract).
//
// One writer connection (guarded by writer_mu_) and a small pool of reader
// connections; WAL journal so readers never block the writer; synchronous=FULL so
// a commit is on disk before Write() returns.
#pragma once

#include <sqlite3.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/db.h"

namespace pol::store {

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
  StatusOr<int> Migrate(const std::vector<Migration>& migrations) override;
  StatusOr<int> SchemaVersion() override;
  Status Ping() override;
  std::string BackendName() const override { return "sqlite"; }

 private:
  SqliteDatabase() = default;

  std::mutex writer_mu_;
  std::unique_ptr<SqliteConn> writer_;  // GUARDED_BY(writer_mu_)

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<SqliteConn>> idle_readers_;  // GUARDED_BY(readers_mu_)
};

// Expands the portable DDL macros of store/db.h for SQLite.
std::string ExpandSqliteDdl(std::string_view sql);

}  // namespace pol::store
