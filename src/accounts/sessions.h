// Login sessions: opaque random tokens in an HttpOnly SameSite=Strict cookie;
// only a SHA-256 of the token is stored, so a leaked database does not leak
// sessions. Each session has a CSRF token (synchronizer pattern), an idle expiry
// and an absolute expiry. A new token is minted at every login (rotation).
//
// Resolve() is on every authenticated request, so resolved sessions are cached
// in memory for a few seconds; logout, logout-everywhere, disabling a user and
// changing roles invalidate the cache at once on this node (other nodes within
// `cache_ttl_ms`).
//
// Thread-safety: thread-safe. Methods block on the database: worker threads only.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "accounts/roles.h"
#include "base/env.h"
#include "base/mutex.h"
#include "base/status.h"
#include "store/db.h"

namespace pol::accounts {

struct SessionOptions {
  int64_t idle_ms = 8LL * 3600 * 1000;           // signed out after 8 h without requests
  int64_t absolute_ms = 7LL * 24 * 3600 * 1000;  // and after 7 days in any case
  int64_t cache_ttl_ms = 5000;
  int64_t touch_every_ms = 60000;  // how often last_seen_at is written
};

struct Session {
  std::string token_hash;
  std::string csrf_token;
  int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
  Principal principal;
};

class SessionManager {
 public:
  SessionManager(store::Database* db, Env* env, SessionOptions options = {});

  // Starts a session for the user; `replaces` (the request's old token, if any)
  // is destroyed in the same transaction. Returns the new cookie token.
  StatusOr<std::pair<std::string, Session>> Create(int64_t user_id, const std::string& ip,
                                                   const std::string& user_agent,
                                                   const std::string& replaces);
  // Unauthenticated when the token is unknown, expired, or the user disabled.
  StatusOr<Session> Resolve(const std::string& token);
  Status Destroy(const std::string& token);
  Status DestroyAllForUser(int64_t user_id);
  // Drops cached sessions of a user (after role or profile changes).
  void InvalidateUser(int64_t user_id);

  static std::string HashToken(const std::string& token);
  const SessionOptions& options() const { return options_; }

 private:
  struct Cached {
    Session session;
    int64_t loaded_at = 0;
  };
  StatusOr<Session> Load(const std::string& token_hash, int64_t now);

  store::Database* const db_;
  Env* const env_;
  const SessionOptions options_;
  Mutex mu_;
  std::unordered_map<std::string, Cached> cache_ GUARDED_BY(mu_);
};

// Loads a user's principal (roles) from the store.
StatusOr<Principal> LoadPrincipal(store::Conn& c, int64_t user_id);

}  // namespace pol::accounts
