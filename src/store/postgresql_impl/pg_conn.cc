#include "store/postgresql_impl/pg_conn.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "store/postgresql_impl/pg_sql.h"

namespace pol::store {
namespace {

// Type OIDs of pg_type (stable since PostgreSQL 7).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26,
              kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

Value CellValue(const PGresult* res, int row, int col) {
  if (PQgetisnull(res, row, col)) return Null{};
  const char* v = PQgetvalue(res, row, col);
  const int len = PQgetlength(res, row, col);
  switch (PQftype(res, col)) {
    case kBoolOid:
      return int64_t{v[0] == 't' ? 1 : 0};
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid:
      return static_cast<int64_t>(std::strtoll(v, nullptr, 10));
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(v, nullptr);
    case kNumericOid:  // SUM over integers is numeric: integral values stay integers, as in SQLite
      if (std::strpbrk(v, ".eEN") == nullptr) return static_cast<int64_t>(std::strtoll(v, nullptr, 10));
      return std::strtod(v, nullptr);
    case kByteaOid: {
      size_t n = 0;
      unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
      Blob b{std::string(reinterpret_cast<const char*>(bytes), n)};
      PQfreemem(bytes);
      return b;
    }
    default:
      return std::string(v, static_cast<size_t>(len));
  }
}

// Whether `sql`'s first word (after blanks and opening parentheses) is `word`, in any case; `word` is
// upper-case and may hold single spaces ("ROLLBACK TO").
bool StartsWithWord(std::string_view sql, std::string_view word) {
  const size_t i = sql.find_first_not_of(" \t\r\n(");
  if (i == std::string_view::npos || sql.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(sql[i + k])) != word[k]) return false;
  }
  const size_t end = i + word.size();
  return end == sql.size() || !std::isalpha(static_cast<unsigned char>(sql[end]));
}

// Whether a statement changes rows (and so may hit a constraint).
bool IsWrite(std::string_view sql) {
  return StartsWithWord(sql, "INSERT") || StartsWithWord(sql, "UPDATE") || StartsWithWord(sql, "DELETE") ||
         StartsWithWord(sql, "WITH");
}

std::string DoubleText(double d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  return buf;
}

}  // namespace

StatusOr<PGconn*> ConnectPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return Unavailable("PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    PQfinish(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Unavailable("اتصال به پایگاه دادهٔ PostgreSQL برقرار نشد (cannot connect to PostgreSQL): " + msg);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return conn;
}

PgConn::~PgConn() { PQfinish(conn_); }

bool PgConn::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConn::InTransaction() const {
  const PGTransactionStatusType t = PQtransactionStatus(conn_);
  return t == PQTRANS_INTRANS || t == PQTRANS_INERROR;
}

Status PgConn::Error(const PGresult* res, std::string_view what) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = res ? PQresultErrorMessage(res) : "";
  if (msg.empty()) msg = PQerrorMessage(conn_);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const std::string code = state ? state : "";
  if (code == "23505") {
    UniqueViolation v;
    if (const char* t = PQresultErrorField(res, PG_DIAG_TABLE_NAME)) v.table = t;
    if (const char* d = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL))
      v.columns = ParseUniqueViolationColumns(d);
    return UniqueViolationError(v);
  }
  // Retryable: a serialization failure, a deadlock, a lock timeout, a lost or refused connection, a
  // server shutting down. The caller sees 503 and tries again.
  if (code == "40001" || code == "40P01" || code == "55P03" || code.starts_with("08") ||
      code.starts_with("57P") || PQstatus(conn_) != CONNECTION_OK) {
    return Unavailable();
  }
  return Internal(std::string(what) + ": " + msg);
}

StatusOr<const PgConn::Prepared*> PgConn::Prepare(std::string_view sql, const Params& params) {
  std::string key(sql);
  auto it = prepared_.find(key);
  if (it == prepared_.end()) {
    int count = 0;
    const std::string text = RewritePlaceholders(sql, &count);
    if (count != static_cast<int>(params.size())) return Internal("parameter count mismatch for: " + key);
    std::vector<Oid> types(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      if (std::holds_alternative<int64_t>(params[i])) types[i] = kInt8Oid;
      if (std::holds_alternative<double>(params[i])) types[i] = kFloat8Oid;
      if (std::holds_alternative<Blob>(params[i])) types[i] = kByteaOid;
    }
    const std::string name = "p" + std::to_string(prepared_.size() + 1);
    ResultPtr res(PQprepare(conn_, name.c_str(), text.c_str(), count, types.data()));
    if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Error(res.get(), "prepare: " + key);
    it = prepared_.emplace(std::move(key), Prepared{name, count}).first;
  }
  if (it->second.params != static_cast<int>(params.size()))
    return Internal("parameter count mismatch for: " + key);
  return &it->second;
}

namespace {

// A statement's parameters in libpq's form: text for numbers and strings, binary for blobs, NULL as null.
struct Bound {
  explicit Bound(const Params& params)
      : texts(params.size()),
        values(params.size(), nullptr),
        lengths(params.size(), 0),
        formats(params.size(), 0) {
    for (size_t i = 0; i < params.size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>) {
              texts[i] = std::to_string(v);
            } else if constexpr (std::is_same_v<T, double>) {
              texts[i] = DoubleText(v);
            } else if constexpr (std::is_same_v<T, std::string>) {
              texts[i] = v;
            } else if constexpr (std::is_same_v<T, Blob>) {
              formats[i] = 1;
              values[i] = v.bytes.data();
              lengths[i] = static_cast<int>(v.bytes.size());
            }
            if constexpr (!std::is_same_v<T, Null> && !std::is_same_v<T, Blob>) {
              values[i] = texts[i].c_str();
              lengths[i] = static_cast<int>(texts[i].size());
            }
          },
          params[i]);
    }
  }
  int size() const { return static_cast<int>(values.size()); }
  std::vector<std::string> texts;
  std::vector<const char*> values;
  std::vector<int> lengths;
  std::vector<int> formats;
};

bool Send(PGconn* conn, const std::string& name, const Bound& b) {
  return PQsendQueryPrepared(conn, name.c_str(), b.size(), b.values.data(), b.lengths.data(),
                             b.formats.data(), 0) == 1;
}

bool SendText(PGconn* conn, const char* sql) {
  return PQsendQueryParams(conn, sql, 0, nullptr, nullptr, nullptr, nullptr, 0) == 1;
}

}  // namespace

StatusOr<PGresult*> PgConn::Run(std::string_view sql, const Params& params) {
  if (!deferred_.empty() && StartsWithWord(sql, "ROLLBACK")) {
    // The whole transaction goes: its unsent writes with it. Back to a savepoint: they are sent first
    // (they may predate the savepoint), whatever they answer, then the rollback alone.
    if (StartsWithWord(sql, "ROLLBACK TO")) {
      (void)Flush();
    } else {
      deferred_.clear();
    }
  }
  POL_ASSIGN_OR_RETURN(const Prepared* p, Prepare(sql, params));
  // Inside a transaction a failed statement would abort the whole transaction, where SQLite lets the
  // caller go on (insert, see the unique violation, update instead): a write runs under a savepoint
  // that is rolled back alone when it fails.
  const bool savepoint = InTransaction() && IsWrite(sql);
  if (savepoint || !deferred_.empty()) return RunPipeline(p, params, savepoint);
  const Bound b(params);
  PGresult* res = PQexecPrepared(conn_, p->name.c_str(), b.size(), b.values.data(), b.lengths.data(),
                                 b.formats.data(), 0);
  const ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
    Status s = Error(res, "exec");
    PQclear(res);
    if (PQstatus(conn_) != CONNECTION_OK) prepared_.clear();
    return s;
  }
  return res;
}

// One round trip (libpq's pipeline mode): the deferred writes in order, then the statement `main` (when
// given), between SAVEPOINT and RELEASE when `savepoint`, then a sync point. The server runs them in
// order and, when one fails, skips the rest up to the sync point: the first failure is the answer, and
// when it is the statement's own (the savepoint was taken) the transaction goes back to the savepoint.
StatusOr<PGresult*> PgConn::RunPipeline(const Prepared* main, const Params& params, bool savepoint) {
  std::vector<Deferred> queued;
  queued.swap(deferred_);
  if (PQenterPipelineMode(conn_) != 1) return Error(nullptr, "pipeline");
  bool sent = true;
  for (const Deferred& d : queued) sent = sent && Send(conn_, d.name, Bound(d.params));
  const size_t first_own = queued.size();  // the index of main's first result (its savepoint's, if any)
  if (main != nullptr) {
    if (savepoint) sent = sent && SendText(conn_, "SAVEPOINT pol_stmt");
    sent = sent && Send(conn_, main->name, Bound(params));
    if (savepoint) sent = sent && SendText(conn_, "RELEASE SAVEPOINT pol_stmt");
  }
  const size_t expected = first_own + (main == nullptr ? 0 : savepoint ? 3 : 1);
  const bool synced = PQpipelineSync(conn_) == 1;
  // The results in order, one per statement sent (each followed by a NULL), then the sync point's.
  std::vector<ResultPtr> results;
  results.reserve(expected);
  for (int nulls = 0; synced && nulls < 2 && PQstatus(conn_) == CONNECTION_OK;) {
    PGresult* r = PQgetResult(conn_);
    if (r == nullptr) {
      ++nulls;
      continue;
    }
    nulls = 0;
    if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
      PQclear(r);
      break;
    }
    results.emplace_back(r);
  }
  const bool left = PQexitPipelineMode(conn_) == 1;
  if (PQstatus(conn_) != CONNECTION_OK) prepared_.clear();
  // The first statement that failed answers; a savepoint of main's taken before it is rolled back to.
  for (size_t i = 0; i < results.size(); ++i) {
    const ExecStatusType st = PQresultStatus(results[i].get());
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      return RolledBack(Error(results[i].get(), i < first_own ? "deferred write" : "exec"),
                        savepoint && i > first_own);
    }
  }
  if (!sent || !synced || results.size() < expected || !left) {
    return RolledBack(Error(nullptr, "pipeline"), savepoint && results.size() > first_own);
  }
  if (main == nullptr) return nullptr;
  return results[first_own + (savepoint ? 1 : 0)].release();
}

// After a failed statement under the savepoint: the transaction goes back to it (when it was taken) and
// stays usable; `s` is the statement's error.
Status PgConn::RolledBack(Status s, bool savepoint_taken) {
  if (savepoint_taken && PQstatus(conn_) == CONNECTION_OK) {
    (void)Simple("ROLLBACK TO SAVEPOINT pol_stmt");
    (void)Simple("RELEASE SAVEPOINT pol_stmt");
  }
  return s;
}

Status PgConn::ExecLater(std::string_view sql, const Params& params) {
  if (!InTransaction()) return Exec(sql, params).status();
  POL_ASSIGN_OR_RETURN(const Prepared* p, Prepare(sql, params));
  deferred_.push_back({p->name, params});
  return Status::Ok();
}

Status PgConn::Flush() {
  if (deferred_.empty()) return Status::Ok();
  return RunPipeline(nullptr, {}, false).status();
}

StatusOr<Rows> PgConn::Query(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const int nrows = PQntuples(raw), ncols = PQnfields(raw);
  Rows rows;
  rows.reserve(static_cast<size_t>(nrows));
  for (int r = 0; r < nrows; ++r) {
    std::vector<Value> cols;
    cols.reserve(static_cast<size_t>(ncols));
    for (int c = 0; c < ncols; ++c) cols.push_back(CellValue(raw, r, c));
    rows.emplace_back(std::move(cols));
  }
  return rows;
}

StatusOr<int64_t> PgConn::Exec(std::string_view sql, const Params& params) {
  POL_ASSIGN_OR_RETURN(PGresult * raw, Run(sql, params));
  ResultPtr res(raw);
  const char* tuples = PQcmdTuples(raw);
  return static_cast<int64_t>(tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0);
}

Status PgConn::Simple(const char* sql) {
  ResultPtr res(PQexec(conn_, sql));
  if (!res || PQresultStatus(res.get()) != PGRES_COMMAND_OK) return Error(res.get(), sql);
  return Status::Ok();
}

Status PgConn::ExecScript(std::string_view sql) {
  POL_RETURN_IF_ERROR(Flush());
  const std::string text(sql);
  ResultPtr res(PQexec(conn_, text.c_str()));
  const ExecStatusType st = res ? PQresultStatus(res.get()) : PGRES_FATAL_ERROR;
  if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && st != PGRES_EMPTY_QUERY)
    return Error(res.get(), "script");
  return Status::Ok();
}

}  // namespace pol::store
