// For tests only: the council, agencies and users tests start from (beside test_database.h), so
// each test file does not copy the same inserts. Call inside the test's Database::Write.
//
// Thread-safety: as the Conn they are given.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/council_repo.h"
#include "store/user_repo.h"

namespace pol::store {

inline StatusOr<int64_t> InsertTestCouncil(Conn& c, std::string slug, std::string name) {
  return InsertCouncil(c, {.slug = std::move(slug), .name = std::move(name), .created_at = 1});
}

inline StatusOr<int64_t> InsertTestAgency(Conn& c, int64_t council_id, std::string slug, std::string name) {
  return InsertAgency(
      c, {.council_id = council_id, .slug = std::move(slug), .name = std::move(name), .created_at = 1});
}

// The council most tests use: «شورا» (slug q) with two agencies, «تأمین» (tamin) and «بهزیستی» (bh).
struct TestCouncil {
  int64_t council = 0, tamin = 0, behzisti = 0;
};
inline StatusOr<TestCouncil> InsertTestCouncilWithAgencies(Conn& c) {
  TestCouncil t;
  POL_ASSIGN_OR_RETURN(t.council, InsertTestCouncil(c, "q", "شورا"));
  POL_ASSIGN_OR_RETURN(t.tamin, InsertTestAgency(c, t.council, "tamin", "تأمین"));
  POL_ASSIGN_OR_RETURN(t.behzisti, InsertTestAgency(c, t.council, "bh", "بهزیستی"));
  return t;
}

// A user `username` named «کاربر username» (password hash "x": cannot log in) holding `roles`.
inline StatusOr<int64_t> InsertTestUser(Conn& c, const std::string& username, std::vector<RoleGrant> roles) {
  User u{.username = username,
         .name = "کاربر " + username,
         .password_hash = "x",
         .created_at = 1,
         .updated_at = 1};
  u.roles = std::move(roles);
  return InsertUser(c, u);
}

}  // namespace pol::store
