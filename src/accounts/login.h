// Logging in: verifies the password, throttles guessing, locks accounts after
// repeated failures, and starts a session.
//
// Throttling has two layers: per client address (a sliding window in memory,
// so a flood from one address is refused before any hashing) and per account
// (consecutive failures stored on the user, so a lockout survives restarts and
// holds across nodes). Unknown logins cost the same time as known ones.
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
  int max_address_failures = 20;  // per address per window
  int64_t address_window_ms = 15LL * 60 * 1000;
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
  // (401), too_many_attempts (429), account_locked (429), account_disabled (403).
  StatusOr<std::pair<std::string, Session>> Login(const LoginRequest& req);
  // Ends this session, or every session of the user (`everywhere`); audited.
  Status Logout(const Principal& who, const std::string& ip, const std::string& token, bool everywhere);

 private:
  bool AddressBlocked(const std::string& ip, int64_t now);
  void NoteAddressFailure(const std::string& ip, int64_t now);

  store::Database* const db_;
  Env* const env_;
  SessionManager* const sessions_;
  const LoginOptions options_;
  Mutex mu_;
  std::unordered_map<std::string, std::deque<int64_t>> failures_by_ip_ GUARDED_BY(mu_);
};

}  // namespace pol::accounts
