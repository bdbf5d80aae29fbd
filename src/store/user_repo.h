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
// Which column a login identifier is looked up in (decided by its shape, accounts::LoginKindOf).
enum class LoginColumn { kUsername, kMobile, kEmail };
// By the one column its kind names (already normalized by the caller). A mobile that is nobody's
// mobile may still be an old account's mobile-shaped username (made before such usernames were
// refused): that account is found then, and never when another user has the number as mobile.
StatusOr<std::optional<User>> FindUserByLogin(Conn& c, const std::string& login, LoginColumn column);
// The id of a user other than `except_id` who has `value` as username, mobile or e-mail (identifiers
// are unique across the three columns), if any.
StatusOr<std::optional<int64_t>> IdentifierOwner(Conn& c, const std::string& value, int64_t except_id);
StatusOr<std::pair<std::vector<User>, int64_t>> ListUsers(Conn& c, const UserFilter& f);
// Profile, disabled flag and roles, when version matches.
Status UpdateUser(Conn& c, const User& u, int64_t now);
Status SetPasswordHash(Conn& c, int64_t user_id, const std::string& hash, int64_t now);
// One login attempt, claimed before its password is checked, in one statement (increment-and-check):
// refused (allowed = false) while the account is locked at `now`; otherwise counts a failure, and the
// `max_failures`-th consecutive one locks the account until `lock_until` (locks = true; the counter
// starts again). A right password then clears the count (RecordLoginSuccess).
struct LoginClaim {
  bool allowed = false, locks = false;
};
StatusOr<LoginClaim> ClaimLoginAttempt(Conn& c, int64_t user_id, int64_t max_failures, int64_t now,
                                       int64_t lock_until);
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
