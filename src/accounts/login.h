// Logging in: verifies the password, throttles guessing, locks accounts after
// repeated failures, and starts a session.
//
// Throttling has three parts:
//  - per client address, failures for names that are no account (a sliding window in memory): past the
//    budget, unknown names from that address are refused before any hashing, while real accounts still
//    log in with their right password (so invented names cannot lock staff out behind a shared address);
//  - per client address, failures against real accounts (the same kind of window): past that budget the
//    address is refused before any lookup;
//    With shared_throttles (several nodes on one database, set by `pol serve` on PostgreSQL) both
//    per-address windows are counted in the database instead (store/throttle_repo.h), so they hold across
//    nodes; a count the database cannot answer falls back to this node's memory;
//  - per account, consecutive failures stored on the user (a lockout survives restarts and holds across
//    nodes). An attempt is *claimed* in one write transaction before its password is checked
//    (store::ClaimLoginAttempt: increment-and-check in SQL), so parallel guesses check at most
//    max_account_failures passwords before the lock holds.
// A locked account, a wrong password and an unknown name give the same answer (401 invalid_credentials)
// and each costs one argon2id verification (a dummy one when there is no hash to check).
// The identifier is looked up by its shape: mobile-shaped → the mobile column, with an '@' → e-mail,
// otherwise the username (accounts/validate.h LoginKindOf).
//
// Thread-safety: thread-safe; blocks (argon2id, database): worker threads only.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_map>

#include "accounts/sessions.h"
#include "base/mutex.h"
#include "store/db.h"

namespace pol::accounts {

struct LoginOptions {
  int max_account_failures = 5;  // consecutive, then locked
  int64_t lockout_ms = 15LL * 60 * 1000;
  int max_address_failures = 20;  // failures against real accounts, per address per window
  int max_unknown_failures = 20;  // failures for names that are no account, per address per window
  int64_t address_window_ms = 15LL * 60 * 1000;
  bool shared_throttles = false;  // count the per-address windows in the database (several nodes)
};

struct LoginRequest {
  std::string login, password;
  std::string ip, user_agent;
  std::string old_token;  // the request's current session cookie, rotated away
};

class LoginService {
 public:
  LoginService(store::Database* db, Env* env, SessionManager* sessions, LoginOptions options = {});

  // On success: the new cookie token and the session. Errors: invalid_credentials
  // (401; also for a locked account), too_many_attempts (429), account_disabled (403, only after the
  // right password).
  StatusOr<std::pair<std::string, Session>> Login(const LoginRequest& req);
  // Ends this session, or every session of the user (`everywhere`); audited.
  Status Logout(const Principal& who, const std::string& ip, const std::string& token, bool everywhere);

 private:
  using FailureLog = std::unordered_map<std::string, std::deque<int64_t>>;
  // `unknown`: the log of failures for unknown names, else the one of real accounts.
  bool Blocked(bool unknown, const std::string& ip, int64_t now) EXCLUDES(mu_);
  void Note(bool unknown, const std::string& ip, int64_t now) EXCLUDES(mu_);
  // After a failed check: the one answer (429 when the address is over its unknown-name budget).
  Status FailedAnswer(const std::string& ip, int64_t now);

  store::Database* const db_;
  Env* const env_;
  SessionManager* const sessions_;
  const LoginOptions options_;
  Mutex mu_;
  FailureLog failures_by_ip_ GUARDED_BY(mu_);  // failures against real accounts
  FailureLog unknown_by_ip_ GUARDED_BY(mu_);   // failures for unknown names
};

}  // namespace pol::accounts
