// The store: Pol's one door to its database.
//
// Capability code never sees a database driver. It calls repositories
// (src/store/*_repo.h), which hold all SQL, and those run on this interface:
//   Database::Read(fn)  — fn gets a connection inside a read snapshot; many at once.
//   Database::Write(fn) — fn gets the one writer connection inside a transaction that
//                         commits durably when fn returns OK and rolls back otherwise.
//   ReadValue(fn) / WriteValue(fn) — the same, for an fn that returns a StatusOr<T>.
// SQL written against Conn is portable: `?` placeholders, integer unix-millisecond
// times, TEXT, INTEGER, REAL, BLOB (store::Blob), `RETURNING`, `ON CONFLICT`, `LIKE …
// ESCAPE`, boolean conditions written as comparisons (no `WHERE 1`, no `SUM(x = n)`, no
// `IS ?`). What differs between backends (DDL types, placeholders, full-text search) is the
// backend's business (sqlite3_impl/, and later postgresql_impl/); store::Open (store/open.h)
// picks one.
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
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "base/status.h"

namespace pol::store {

struct Null {};
// Binary data (a BLOB column): bound and read back as bytes, never as text.
struct Blob {
  std::string bytes;
};
using Value = std::variant<Null, int64_t, double, std::string, Blob>;

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
  const std::string& Text(size_t i) const;  // "" for NULL; the bytes of a blob
  const std::string& Blob(size_t i) const;  // the bytes of a blob (or of text); "" for NULL
  std::optional<int64_t> OptInt(size_t i) const;
  std::optional<std::string> OptText(size_t i) const;
  const Value& at(size_t i) const { return cols_.at(i); }

 private:
  std::vector<Value> cols_;
};
using Rows = std::vector<Row>;
using Params = std::vector<Value>;

// A unique-constraint violation, structured: the table and the columns of the constraint. Every backend
// reports one as the Status of UniqueViolationError (kAlreadyExists, api_code "unique_violation", field()
// "table.a, table.b"); callers read it back with AsUniqueViolation, never from a driver's message text.
struct UniqueViolation {
  std::string table;
  std::vector<std::string> columns;
  // Whether `column` is one of the constraint's columns.
  bool Covers(std::string_view column) const;
};
Status UniqueViolationError(const UniqueViolation& v);
// The violation `s` carries, or nullopt when `s` is not a unique violation.
std::optional<UniqueViolation> AsUniqueViolation(const Status& s);

// Errors from the backend map to Status codes: a unique-constraint violation is
// UniqueViolationError (above); a busy database is kUnavailable; anything else is kInternal.
class Conn {
 public:
  virtual ~Conn() = default;
  // Prepared statements are cached per connection by SQL text.
  virtual StatusOr<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual StatusOr<int64_t> Exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;
  // A write whose result the caller does not need and that is not expected to fail (an event, audit or
  // ledger row). The backend may hold it and send it with the next statement (PostgreSQL: in one
  // pipeline, one round trip); its failure is then the error of that next statement, or of the commit,
  // and fails the transaction. Where a failure must be handled on the spot, use Exec. Reads see it (they
  // are the next statement); a ROLLBACK drops it; outside a transaction it runs at once.
  virtual Status ExecLater(std::string_view sql, const Params& params = {}) {
    return Exec(sql, params).status();
  }

  // Single-row helpers: NotFound when there is no row.
  StatusOr<Row> QueryOne(std::string_view sql, const Params& params = {});
  StatusOr<std::optional<Row>> QueryOpt(std::string_view sql, const Params& params = {});
};

struct Migration {
  int version;
  const char* name;
  // Portable DDL with backend macros: ${ID} (auto-increment 64-bit integer primary key),
  // ${INT64} (64-bit integer: every millisecond time, counter and id), ${DOUBLE} (double precision),
  // ${BLOB} (binary column type). Plain INTEGER is for flags and small numbers only.
  const char* sql;
  // When set, the DDL runs only on this backend (BackendName(), e.g. "sqlite"); other backends record
  // the version as applied and skip it. A backend needing its own variant (e.g. PostgreSQL full-text
  // search in place of SQLite's FTS5) appends its own migration with its name here.
  const char* only_backend = nullptr;
};

// InvalidArgument "backend_not_supported": `what` is done with the backend's own tools.
inline Status BackendNotSupported(std::string_view backend, std::string_view what) {
  return InvalidArgument(
      "backend_not_supported",
      "این کار برای پایگاه دادهٔ " + std::string(backend) +
          " پشتیبانی نمی‌شود؛ از ابزار پشتیبان‌گیری خود آن استفاده کنید (برای PostgreSQL: "
          "pg_dump و pg_restore). (" +
          std::string(what) + " is not supported by this backend)");
}

class Database {
 public:
  virtual ~Database() = default;
  virtual Status Read(const std::function<Status(Conn&)>& fn) = 0;
  virtual Status Write(const std::function<Status(Conn&)>& fn) = 0;

  // Read/Write for a function returning StatusOr<T>: the value when fn and the transaction succeed.
  //   StatusOr<User> u = db.ReadValue([&](Conn& c) { return GetUser(c, id); });
  template <typename Fn>
  auto ReadValue(Fn&& fn) -> std::invoke_result_t<Fn&, Conn&> {
    return Run(&Database::Read, fn);
  }
  template <typename Fn>
  auto WriteValue(Fn&& fn) -> std::invoke_result_t<Fn&, Conn&> {
    return Run(&Database::Write, fn);
  }

  // Applies every migration whose version is not yet recorded, in list order, each in its own
  // transaction (a version landed later with a lower number still runs). Returns the number applied.
  // Backend-neutral (store/migrate.cc): it needs only ExpandDdl and BackendName.
  StatusOr<int> Migrate(const std::vector<Migration>& migrations);
  StatusOr<int> SchemaVersion();  // the highest applied version

  // Rebuilds every full-text search index from its table (`pol reindex`), in one transaction.
  virtual Status RebuildSearchIndexes() = 0;
  // A cheap probe for /readyz.
  virtual Status Ping() = 0;

  // Backups (`pol backup`). BackupTo copies the whole database, as one consistent snapshot, into a new
  // file `path` (which must not exist; created 0600) while others keep reading and writing: what was
  // committed before the call is in the copy. CheckIntegrity runs the backend's own consistency check
  // (`pol restore`); FailedPrecondition "corrupt_database" naming the first problems. A backend whose
  // databases are backed up with their own tools (PostgreSQL: pg_dump) keeps these defaults and answers
  // "backend_not_supported".
  virtual Status BackupTo(const std::string& path);
  virtual Status CheckIntegrity();
  virtual std::string BackendName() const = 0;
  // Expands the portable DDL macros of Migration::sql for this backend.
  virtual std::string ExpandDdl(std::string_view ddl) const = 0;

 private:
  template <typename Fn>
  auto Run(Status (Database::*txn)(const std::function<Status(Conn&)>&), Fn& fn)
      -> std::invoke_result_t<Fn&, Conn&> {
    using Result = std::invoke_result_t<Fn&, Conn&>;
    std::optional<Result> out;
    Status s = (this->*txn)([&](Conn& c) -> Status {
      out.emplace(fn(c));
      return out->status();
    });
    if (!s.ok()) return s;
    return std::move(*out);
  }
};

}  // namespace pol::store

namespace pol::store {

inline Status Database::BackupTo(const std::string&) { return BackendNotSupported(BackendName(), "backup"); }
inline Status Database::CheckIntegrity() { return BackendNotSupported(BackendName(), "integrity check"); }

}  // namespace pol::store
