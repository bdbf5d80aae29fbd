#include "store/sqlite3_impl/sqlite_db.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>

#include "base/file.h"

#include "store/sqlite3_impl/connection_init.h"
#include "store/sqlite3_impl/fts_pol_tokenizer.h"
#include "store/write_count.h"

namespace pol::store {
namespace {

// Creates the database file, private to its owner (0600), when it does not exist yet: SQLite itself
// would make it 0644 less the umask, and gives the same mode to the -wal and -shm files.
Status CreatePrivateFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    return Internal("create " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

StatusOr<sqlite3*> OpenConnection(const SqliteOptions& options, bool readonly) {
  if (!readonly) POL_RETURN_IF_ERROR(CreatePrivateFile(options.path));
  sqlite3* db = nullptr;
  int flags =
      SQLITE_OPEN_NOMUTEX | (readonly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  int rc = sqlite3_open_v2(options.path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Internal("sqlite open " + options.path + ": " + msg);
  }
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // Reads go through a memory map (up to 1 GiB of the file; no copy per page read) and a 32 MiB page
  // cache per connection: large FTS5 doclists (media search over a million items) were spending most
  // of their time in pread copies with the 2 MiB default.
  const char* pragmas =
      readonly ? "PRAGMA foreign_keys=ON; PRAGMA query_only=ON;"
                 "PRAGMA cache_size=-32768; PRAGMA mmap_size=1073741824;"
               : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                 "PRAGMA wal_autocheckpoint=1000; PRAGMA cache_size=-32768; PRAGMA mmap_size=1073741824;";
  char* err = nullptr;
  if (sqlite3_exec(db, pragmas, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    sqlite3_close(db);
    return Internal("sqlite pragmas: " + msg);
  }
  if (Status s = RunSqliteConnectionInits(db); !s.ok()) {
    sqlite3_close(db);
    return s;
  }
  return db;
}

// Runs fn inside BEGIN/COMMIT; rolls back on error. The transaction statements go
// through the connection's prepared-statement cache: they run on every request.
Status InTransaction(SqliteConn& conn, const char* begin, const std::function<Status(Conn&)>& fn) {
  POL_RETURN_IF_ERROR(conn.Exec(begin, {}).status());
  Status s = fn(conn);
  if (!s.ok()) {
    (void)conn.Exec("ROLLBACK", {});
    return s;
  }
  Status c = conn.Exec("COMMIT", {}).status();
  if (!c.ok()) (void)conn.Exec("ROLLBACK", {});
  return c;
}

}  // namespace

std::string ExpandSqliteDdl(std::string_view sql) {
  std::string out(sql);
  auto replace_all = [&out](std::string_view from, std::string_view to) {
    for (size_t pos = 0; (pos = out.find(from, pos)) != std::string::npos; pos += to.size()) {
      out.replace(pos, from.size(), to);
    }
  };
  replace_all("${ID}", "INTEGER PRIMARY KEY AUTOINCREMENT");
  replace_all("${BLOB}", "BLOB");
  // SQLite's INTEGER is 64-bit and REAL is double: the portable macros keep the types SQLite always had.
  replace_all("${INT64}", "INTEGER");
  replace_all("${DOUBLE}", "REAL");
  return out;
}

SqliteConn::~SqliteConn() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

Status SqliteConn::Error(int rc, std::string_view what) {
  std::string msg = sqlite3_errmsg(db_);
  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
    // SQLite names the columns only in its message: "UNIQUE constraint failed: agencies.council_id,
    // agencies.slug". This is the one place that reads it.
    UniqueViolation v;
    std::string_view cols;
    if (auto pos = msg.find(": "); pos != std::string::npos) cols = std::string_view(msg).substr(pos + 2);
    while (!cols.empty()) {
      size_t comma = cols.find(", ");
      std::string_view col = cols.substr(0, comma);
      cols = comma == std::string_view::npos ? std::string_view() : cols.substr(comma + 2);
      if (size_t dot = col.find('.'); dot != std::string_view::npos) {
        v.table = std::string(col.substr(0, dot));
        col.remove_prefix(dot + 1);
      }
      v.columns.emplace_back(col);
    }
    return UniqueViolationError(v);
  }
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return Unavailable();
  return Internal(std::string(what) + ": " + msg);
}

StatusOr<sqlite3_stmt*> SqliteConn::Prepare(std::string_view sql, const Params& params) {
  sqlite3_stmt* stmt = nullptr;
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) {
    stmt = it->second;
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
  } else {
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &stmt, nullptr);
    if (rc != SQLITE_OK) return Error(rc, std::string("prepare: ") + std::string(sql));
    cache_.emplace(std::string(sql), stmt);
  }
  if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
    return Internal("parameter count mismatch for: " + std::string(sql));
  }
  for (size_t i = 0; i < params.size(); ++i) {
    int idx = static_cast<int>(i + 1);
    int rc = std::visit(
        [&](const auto& v) -> int {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, Null>) return sqlite3_bind_null(stmt, idx);
          if constexpr (std::is_same_v<T, int64_t>) return sqlite3_bind_int64(stmt, idx, v);
          if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, idx, v);
          if constexpr (std::is_same_v<T, std::string>)
            return sqlite3_bind_text(stmt, idx, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
          if constexpr (std::is_same_v<T, Blob>)
            return sqlite3_bind_blob(stmt, idx, v.bytes.data(), static_cast<int>(v.bytes.size()),
                                     SQLITE_TRANSIENT);
        },
        params[i]);
    if (rc != SQLITE_OK) return Error(rc, "bind");
  }
  return stmt;
}

StatusOr<Rows> SqliteConn::Query(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  Rows rows;
  const int ncols = sqlite3_column_count(stmt);
  for (;;) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Status s = Error(rc, "step");
      sqlite3_reset(stmt);
      return s;
    }
    std::vector<Value> cols;
    cols.reserve(ncols);
    for (int c = 0; c < ncols; ++c) {
      switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          cols.emplace_back(Null{});
          break;
        case SQLITE_INTEGER:
          cols.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
          break;
        case SQLITE_FLOAT:
          cols.emplace_back(sqlite3_column_double(stmt, c));
          break;
        case SQLITE_BLOB: {
          const void* p = sqlite3_column_blob(stmt, c);
          int n = sqlite3_column_bytes(stmt, c);
          cols.emplace_back(Blob{std::string(p ? static_cast<const char*>(p) : "", static_cast<size_t>(n))});
          break;
        }
        default: {
          const unsigned char* p = sqlite3_column_text(stmt, c);
          int n = sqlite3_column_bytes(stmt, c);
          cols.emplace_back(std::string(p ? reinterpret_cast<const char*>(p) : "", static_cast<size_t>(n)));
        }
      }
    }
    rows.emplace_back(std::move(cols));
  }
  sqlite3_reset(stmt);
  return rows;
}

StatusOr<int64_t> SqliteConn::Exec(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql, params));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
  }
  if (rc != SQLITE_DONE) {
    Status s = Error(rc, "exec");
    sqlite3_reset(stmt);
    return s;
  }
  sqlite3_reset(stmt);
  return static_cast<int64_t>(sqlite3_changes64(db_));
}

Status SqliteConn::ExecScript(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    if ((rc & 0xff) == SQLITE_BUSY) return Unavailable();
    return Internal("sqlite: " + msg);
  }
  return Status::Ok();
}

StatusOr<std::unique_ptr<Database>> SqliteDatabase::Open(const SqliteOptions& options) {
  // The text core's FTS5 tokenizer is part of this backend (the search index's DDL names it).
  static std::once_flag default_inits;
  std::call_once(default_inits,
                 [] { AddSqliteConnectionInit("pol_fts_tokenizer", RegisterPolFtsTokenizer); });
  std::unique_ptr<SqliteDatabase> db(new SqliteDatabase());
  POL_ASSIGN_OR_RETURN(sqlite3 * w, OpenConnection(options, /*readonly=*/false));
  {
    MutexLock l(&db->writer_mu_);
    db->writer_ = std::make_unique<SqliteConn>(w);
  }
  for (int i = 0; i < std::max(1, options.readers); ++i) {
    POL_ASSIGN_OR_RETURN(sqlite3 * r, OpenConnection(options, /*readonly=*/true));
    MutexLock l(&db->readers_mu_);
    db->idle_readers_.push_back(std::make_unique<SqliteConn>(r));
  }
  return std::unique_ptr<Database>(std::move(db));
}

Status SqliteDatabase::Read(const std::function<Status(Conn&)>& fn) {
  std::unique_ptr<SqliteConn> conn;
  {
    MutexLock l(&readers_mu_);
    while (idle_readers_.empty()) readers_cv_.Wait();
    conn = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  Status s = InTransaction(*conn, "BEGIN DEFERRED", fn);
  {
    MutexLock l(&readers_mu_);
    idle_readers_.push_back(std::move(conn));
  }
  readers_cv_.Signal();
  return s;
}

Status SqliteDatabase::Write(const std::function<Status(Conn&)>& fn) {
  MutexLock l(&writer_mu_);
  Status s = InTransaction(*writer_, "BEGIN IMMEDIATE", fn);
  if (s.ok()) CountCommittedWrite();
  return s;
}

// The FTS5 indexes of migrations 4 and 11, rebuilt from their content tables.
Status SqliteDatabase::RebuildSearchIndexes() {
  return Write([](Conn& c) -> Status {
    for (const char* index : {"releases_fts", "media_items_fts"}) {
      const std::string table(index);
      POL_RETURN_IF_ERROR(c.ExecScript("INSERT INTO " + table + "(" + table + ") VALUES ('rebuild')"));
    }
    return Status::Ok();
  });
}

Status SqliteDatabase::Ping() {
  return Read([](Conn& c) { return c.QueryOne("SELECT 1").status(); });
}

// The online backup: a reader connection opens one read snapshot (BEGIN, then a read) and the backup
// API copies it a few pages a step into a fresh file. In WAL mode the snapshot blocks no writer, and
// because every step reads the same snapshot, commits landing meanwhile never restart the copy (they
// would if each step began its own read). The steps give the I/O back to the server in between.
Status SqliteDatabase::BackupTo(const std::string& path) {
  constexpr int kPagesPerStep = 256;
  if (::access(path.c_str(), F_OK) == 0) {
    return FailedPrecondition("backup_exists", "پروندهٔ پشتیبان از پیش وجود دارد: " + path);
  }
  POL_RETURN_IF_ERROR(CreatePrivateFile(path));
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  Status s = rc == SQLITE_OK ? Status::Ok()
                             : Internal("sqlite open " + path + ": " + (dest ? sqlite3_errmsg(dest) : "?"));
  if (s.ok() && sqlite3_exec(dest, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    s = Internal("backup pragmas: " + std::string(sqlite3_errmsg(dest)));
  }
  if (s.ok()) {
    s = Read([&](Conn& c) -> Status {
      POL_RETURN_IF_ERROR(c.QueryOne("SELECT COUNT(*) FROM sqlite_master").status());  // the snapshot starts
      sqlite3_backup* b = sqlite3_backup_init(dest, "main", static_cast<SqliteConn&>(c).raw(), "main");
      if (!b) return Internal("backup init: " + std::string(sqlite3_errmsg(dest)));
      int step;
      do {
        step = sqlite3_backup_step(b, kPagesPerStep);
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED) sqlite3_sleep(5);
      } while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
      const int finish = sqlite3_backup_finish(b);
      if (step != SQLITE_DONE || finish != SQLITE_OK) {
        return Internal("backup: " + std::string(sqlite3_errstr(step != SQLITE_DONE ? step : finish)) + ": " +
                        sqlite3_errmsg(dest));
      }
      return Status::Ok();
    });
  }
  if (sqlite3_close(dest) != SQLITE_OK && s.ok()) s = Internal("backup close: " + path);
  if (s.ok()) {
    const size_t slash = path.find_last_of('/');
    s = SyncDirectory(slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash));
  }
  if (!s.ok()) {
    ::unlink(path.c_str());
    ::unlink((path + "-journal").c_str());
  }
  return s;
}

Status SqliteDatabase::CheckIntegrity() {
  return Read([](Conn& c) -> Status {
    auto corrupt = [](const std::string& what) {
      return FailedPrecondition("corrupt_database", "پایگاه داده سالم نیست: " + what);
    };
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("PRAGMA integrity_check(20)"));
    if (rows.size() != 1 || rows[0].Text(0) != "ok") {
      std::string problems;
      for (const Row& r : rows) problems += (problems.empty() ? "" : "; ") + r.Text(0);
      return corrupt(problems);
    }
    POL_ASSIGN_OR_RETURN(Rows fk, c.Query("PRAGMA foreign_key_check"));
    if (!fk.empty()) return corrupt("foreign key check failed in table " + fk[0].Text(0));
    return Status::Ok();
  });
}

StatusOr<std::unique_ptr<Database>> OpenSqlite(const SqliteOptions& options) {
  return SqliteDatabase::Open(options);
}

}  // namespace pol::store
