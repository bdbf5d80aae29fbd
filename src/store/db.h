// The store: Pol's one door to its database.
//
// Capability code never sees a database driver. It calls repositories
// (src/store/*_repo.h), which hold all SQL, and those run on this interface:
//   Database::Read(fn)  — fn gets a connection inside a read snapshot; many at once.
//   Database::Write(fn) — fn gets the one writer connection inside a transaction that
//                         commits durably when fn returns OK and rolls back otherwise.
// SQL written against Conn is portable: `?` placeholders, integer unix-millisecond
// times, TEXT, INTEGER, REAL and BLOB-as-text, `RETURNING`, `ON CONFLICT`. What differs
// between backends (DDL types, placeholders) is the backend's business
// (sqlite3_impl/, and later postgresql_impl/).
//
// Thread-safety: Database is thread-safe. A Conn belongs to the calling thread for
// the duration of fn and must not escape it. Calls block: never call them on a
// network (io_context) thread.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/status.h"

namespace pol::store {

struct Null {};
using Value = std::variant<Null, int64_t, double, std::string>;

// Convenience: an optional becomes NULL when empty.
template <typename T>
Value Opt(const std::optional<T>& v) {
  if (!v) return Null{};
  return Value(*v);
}

class Row {
 public:
  explicit Row(std::vector<Value> cols) : cols_(std::move(cols)) {}
  size_t size() const { return cols_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<Null>(cols_.at(i)); }
  int64_t Int(size_t i) const;
  double Real(size_t i) const;
  const std::string& Text(size_t i) const;  // "" for NULL
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  const Value& at(size_t i) const { return cols_.at(i); }

 private:
  std::vector<Value> cols_;
};
using Rows = std::vector<Row>;
using Params = std::vector<Value>;

// Errors from the backend map to Status codes: a unique-constraint violation is
// kAlreadyExists with api_code "unique_violation" and the constraint's column list
// in field(); a busy database is kUnavailable; anything else is kInternal.
class Conn {
 public:
  virtual ~Conn() = default;
  // Prepared statements are cached per connection by SQL text.
  virtual StatusOr<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual StatusOr<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  // Single-row helpers: NotFound when there is no row.
  StatusOr<Row> QueryOne(std::string_view sql, const Params& params = {});
  StatusOr<std::optional<Row>> QueryOpt(std::string_view sql, const Params& params = {});
};

struct Migration {
  int version;
  const char* name;
  // Portable DDL with backend macros: ${ID} (auto-increment integer primary key),
  // ${BLOB} (binary column type).
  const char* sql;
  // When set, the DDL runs only on this backend (BackendName(), e.g. "sqlite"); other backends record
  // the version as applied and skip it. A backend needing its own variant (e.g. PostgreSQL full-text
  // search in place of SQLite's FTS5) appends its own migration with its name here.
  const char* only_backend = nullptr;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Status Read(const std::function<Status(Conn&)>& fn) = 0;
  virtual Status Write(const std::function<Status(Conn&)>& fn) = 0;
  // Applies every migration whose version is not yet recorded, in list order, each in its own
  // transaction (a version landed later with a lower number still runs). Returns the number applied.
  virtual StatusOr<int> Migrate(const std::vector<Migration>& migrations) = 0;
  virtual StatusOr<int> SchemaVersion() = 0;  // the highest applied version
  // A cheap probe for /readyz.
  virtual Status Ping() = 0;
  virtual std::string BackendName() const = 0;
};

struct SqliteOptions {
  std::string path;  // the database file
  int readers = 4;   // reader connections
  int busy_timeout_ms = 5000;
};

// Opens (creating if needed) an SQLite database in WAL mode with synchronous=FULL:
// an acknowledged (committed) write survives kill -9 and power loss.
StatusOr<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options);

}  // namespace pol::store
