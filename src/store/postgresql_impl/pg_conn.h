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
// and its release go to the server together (pipeline mode), one round trip.
//
// Thread-safety: none; a PgConn belongs to one thread at a time (the pool in pg_db.h hands it out).
#pragma once

#include <string>
#include <unordered_map>

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

  // Whether the connection is usable (not lost).
  bool Healthy() const;
  // Whether a transaction is open (idle-in-transaction or failed in one).
  bool InTransaction() const;
  PGconn* raw() { return conn_; }

 private:
  // Prepares (once) and executes; the result is the caller's to PQclear.
  StatusOr<PGresult*> Run(std::string_view sql, const Params& params);
  // Run's write inside a transaction: the prepared statement `name` under a savepoint, in one round trip.
  StatusOr<PGresult*> RunUnderSavepoint(const char* name, int n, const char* const* values,
                                        const int* lengths, const int* formats);
  Status RolledBack(Status s, bool savepoint_taken);
  Status Error(const PGresult* res, std::string_view what);
  Status Simple(const char* sql);  // a statement without parameters or rows (SAVEPOINT …)

  struct Prepared {
    std::string name;
    int params = 0;
  };
  PGconn* conn_;
  std::unordered_map<std::string, Prepared> prepared_;  // SQL text → statement
};

// Opens one connection to `url` (a libpq connection URI); kUnavailable with PostgreSQL's message when it
// cannot.
StatusOr<PGconn*> ConnectPostgres(const std::string& url);

}  // namespace pol::store
