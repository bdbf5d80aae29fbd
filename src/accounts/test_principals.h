// For tests only: principals and actors holding given role grants — in memory, for the policy table
// tests of each capability ((role, scope) × action → allowed?), or stored as users in a test database
// (AddTestUser, with store/test_fixtures.h for the council and agencies).
//
// Thread-safety: values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "accounts/roles.h"
#include "store/test_fixtures.h"

namespace pol::accounts::testing {

inline store::RoleGrant GlobalGrant(Role r) { return {std::string(RoleName(r)), std::nullopt, std::nullopt}; }
inline store::RoleGrant CouncilGrant(Role r, int64_t council_id) {
  return {std::string(RoleName(r)), council_id, std::nullopt};
}
// Agency-scoped grants carry their agency's council too, as stored ones do.
inline store::RoleGrant AgencyGrant(Role r, int64_t council_id, int64_t agency_id) {
  return {std::string(RoleName(r)), council_id, agency_id};
}

// One row of a policy table: who (a name for failure messages) and their grants; `system` is the
// system itself (no principal: CLI, demo loader, jobs).
struct Who {
  std::string name;
  std::vector<store::RoleGrant> grants;
  bool system = false;
};

// Holds the principal an Actor points to.
class ActorFor {
 public:
  explicit ActorFor(const Who& who) {
    principal_.user_id = 1;
    principal_.username = who.name;
    principal_.grants = who.grants;
    actor_ = Actor{who.system ? nullptr : &principal_, "127.0.0.1"};
  }
  ActorFor(const ActorFor&) = delete;
  ActorFor& operator=(const ActorFor&) = delete;
  const Actor& operator*() const { return actor_; }

 private:
  Principal principal_;
  Actor actor_;
};

// Inserts a user `name` holding `grant` and fills `p` as a session would (id, username, name, grants).
inline Status AddTestUser(store::Conn& c, Principal& p, const std::string& name, store::RoleGrant grant) {
  POL_ASSIGN_OR_RETURN(p.user_id, store::InsertTestUser(c, name, {grant}));
  p.username = name;
  p.name = "کاربر " + name;
  p.grants = {std::move(grant)};
  return Status::Ok();
}

// The actor for a principal, from a loopback address.
inline Actor As(const Principal& p) { return Actor{&p, "127.0.0.1"}; }

}  // namespace pol::accounts::testing
