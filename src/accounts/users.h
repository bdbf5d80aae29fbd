// Managing staff accounts: who may create, see and change which users.
//
// Scope rules (decided by Principal): a system admin manages everyone; a
// council admin manages users whose roles all lie in their council (council
// roles and its agencies' roles); an agency PR manager manages users whose
// roles all lie in their agency. Nobody but a system admin touches a system
// admin. Each change is audited in the same transaction, and changing roles,
// disabling or resetting a password takes effect on open sessions at once.
//
// Thread-safety: thread-safe; blocks: worker threads only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "accounts/password.h"
#include "accounts/sessions.h"
#include "store/user_repo.h"

namespace pol::accounts {

struct NewUser {
  std::string username, name, mobile, email, password;
  std::vector<store::RoleGrant> roles;
};

struct UserPatch {
  int64_t version = 0;
  std::optional<std::string> name, mobile, email;
  std::optional<std::vector<store::RoleGrant>> roles;
  std::optional<bool> disabled;
};

struct UserQuery {
  std::optional<int64_t> council_id, agency_id;
  std::string q;
  int64_t limit = 50, offset = 0;
};

class UserService {
 public:
  UserService(store::Database* db, Env* env, SessionManager* sessions, PasswordCost cost = {})
      : db_(db), env_(env), sessions_(sessions), cost_(cost) {}

  StatusOr<store::User> Create(const Actor& actor, NewUser in);
  StatusOr<store::User> Get(const Actor& actor, int64_t id);
  StatusOr<std::pair<std::vector<store::User>, int64_t>> List(const Actor& actor, const UserQuery& q);
  StatusOr<store::User> Update(const Actor& actor, int64_t id, const UserPatch& patch);
  Status ResetPassword(const Actor& actor, int64_t id, const std::string& new_password);
  Status ChangeOwnPassword(const Actor& actor, const std::string& current, const std::string& new_password);

 private:
  // Fills council_id of agency grants from the agency and validates each grant.
  Status ResolveGrants(store::Conn& c, std::vector<store::RoleGrant>& grants);
  bool CanManage(const Actor& actor, const store::User& target) const;

  store::Database* const db_;
  Env* const env_;
  SessionManager* const sessions_;
  const PasswordCost cost_;
};

}  // namespace pol::accounts
