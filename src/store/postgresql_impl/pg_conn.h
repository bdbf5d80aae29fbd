// One PostgreSQL connection behind store::Conn (see store/db.h for the contract).
//
// Statements are prepared once per connection and cached by SQL text (`?` numbered to `$n`). Parameters
// travel in text format with the types of the first call (int64 → int8, double → float8, a string →
// inferred by the server, NULL → inferred), blobs in binary as bytea. Results map by column type:
// integers and booleans → int64, float and numeric with a fraction → double, bytea → Blob, the rest →
// text. Errors map like SQLite's: a unique violation → UniqueViolationError with the table and columns
// PostgreSQL names; a lost connection, a serialization failure or a deadlock → kUnavailable; the rest →
// kInternal. Inside a transaction a write runs under a savepoint, so a failed statement (a unique
// violation the caller handles) leaves the transaction usable, as in SQLite; the savepoint, the statement
// and its release go to the server together (pipeline mode), one round trip. ExecLater's writes wait on
// the connection and go in the same pipeline as the next statement (a ROLLBACK drops them); their
// failure is that statement's error.
//
// Thread-safety: none; a PgConn belongs to one thread at a time (the pool in pg_db.h hands it out).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "store/db.h"

// libpq's connection, declared as libpq-fe.h does: only this folder's .cc files include libpq, so the
// rest of the tree compiles without its include path.
typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace pol::store {

class PgConn final : public Conn {
 public:
  explicit PgConn(PGconn* conn) : conn_(conn) {}
  ~PgConn() override;
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  StatusOr<Rows> Query(std::string_view sql, const Params& params) override;
  StatusOr<int64_t> Exec(std::string_view sql, const Params& params) override;
  Status ExecScript(std::string_view sql) override;
  Status ExecLater(std::string_view sql, const Params& params) override;

  // Whether the connection is usable (not lost).
  bool Healthy() const;
  // Whether a transaction is open (idle-in-transaction or failed in one).
  bool InTransaction() const;
  PGconn* raw() { return conn_; }

 private:
  struct Prepared {
    std::string name;
    int params = 0;
  };
  // A write ExecLater queued: sent with the next statement.
  struct Deferred {
    std::string name;  // the prepared statement
    Params params;
  };
  // The statement prepared on this connection (once, cached by SQL text).
  StatusOr<const Prepared*> Prepare(std::string_view sql, const Params& params);
  // Prepares (once) and executes; the result is the caller's to PQclear.
  StatusOr<PGresult*> Run(std::string_view sql, const Params& params);
  // The deferred writes, then `main` (under a savepoint when `savepoint`), in one round trip; main's
  // result (nullptr without main).
  StatusOr<PGresult*> RunPipeline(const Prepared* main, const Params& params, bool savepoint);
  Status RolledBack(Status s, bool savepoint_taken);
  Status Flush();  // sends the deferred writes now
  Status Error(const PGresult* res, std::string_view what);
  Status Simple(const char* sql);  // a statement without parameters or rows (SAVEPOINT …)

  PGconn* conn_;
  std::unordered_map<std::string, Prepared> prepared_;  // SQL text → statement
  std::vector<Deferred> deferred_;                      // ExecLater's writes not sent yet, in order
};

// Opens one connection to `url` (a libpq connection URI); kUnavailable with PostgreSQL's message when it
// cannot.
StatusOr<PGconn*> ConnectPostgres(const std::string& url);

}  // namespace pol::store
