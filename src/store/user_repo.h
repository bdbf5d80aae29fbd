// SQL for staff accounts, their scoped roles, and login sessions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct RoleGrant {
  std::string role;
  std::optional<int64_t> council_id;
  std::optional<int64_t> agency_id;
  bool operator==(const RoleGrant&) const = default;
};

struct User {
  int64_t id = 0;
  std::string username, name;
  std::optional<std::string> mobile, email;
  std::string password_hash;
  bool disabled = false;
  int64_t failed_logins = 0, locked_until = 0;
  int64_t version = 1, created_at = 0, updated_at = 0;
  std::optional<int64_t> last_login_at;
  std::vector<RoleGrant> roles;
};

struct UserFilter {
  std::optional<int64_t> council_id;  // users holding a role in this council (or its agencies)
  std::optional<int64_t> agency_id;   // users holding a role in this agency
  std::optional<std::vector<int64_t>> only_agency_ids;  // authorization scope by agency
  std::string query;                                    // substring of name/username/mobile/email
  int64_t limit = 50, offset = 0;
};

StatusOr<int64_t> InsertUser(Conn& c, const User& u);  // also writes u.roles
StatusOr<User> GetUser(Conn& c, int64_t id);
// By username, mobile or e-mail (already normalized by the caller).
StatusOr<std::optional<User>> FindUserByLogin(Conn& c, const std::string& login);
StatusOr<std::pair<std::vector<User>, int64_t>> ListUsers(Conn& c, const UserFilter& f);
// Profile, disabled flag and roles, when version matches.
Status UpdateUser(Conn& c, const User& u, int64_t now);
Status SetPasswordHash(Conn& c, int64_t user_id, const std::string& hash, int64_t now);
Status RecordLoginFailure(Conn& c, int64_t user_id, int64_t failed_logins, int64_t locked_until);
Status RecordLoginSuccess(Conn& c, int64_t user_id, int64_t now);
StatusOr<int64_t> CountUsers(Conn& c);

struct SessionRow {
  std::string token_hash;
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
  std::string ip, user_agent;
};

Status InsertSession(Conn& c, const SessionRow& s);
StatusOr<std::optional<SessionRow>> GetSession(Conn& c, const std::string& token_hash);
Status TouchSession(Conn& c, const std::string& token_hash, int64_t now);
Status DeleteSession(Conn& c, const std::string& token_hash);
// Returns the hashes deleted, so caches can drop them.
StatusOr<std::vector<std::string>> DeleteUserSessions(Conn& c, int64_t user_id);
StatusOr<int64_t> DeleteExpiredSessions(Conn& c, int64_t now, int64_t idle_cutoff);

}  // namespace pol::store
