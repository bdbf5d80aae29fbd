// The job-queue admin's authorization as a table: (role, scope) → may administer jobs?
#include "ops/ops_policy.h"

#include <gtest/gtest.h>

#include <vector>

#include "accounts/test_principals.h"

namespace pol::ops {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

TEST(OpsPolicyTest, Table) {
  struct Row {
    Who who;
    bool administer_jobs;
  };
  const std::vector<Row> rows = {
      {{"system", {}, true}, true},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, true},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, 1)}}, false},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, 1)}}, false},
      {{"analyst", {CouncilGrant(Role::kAnalyst, 1)}}, false},
      {{"pr_manager", {AgencyGrant(Role::kAgencyPrManager, 1, 10)}}, false},
      {{"editor", {AgencyGrant(Role::kAgencyEditor, 1, 10)}}, false},
      {{"citizen_desk", {AgencyGrant(Role::kCitizenDesk, 1, 10)}}, false},
      {{"no roles", {}}, false},
  };
  for (const Row& row : rows)
    EXPECT_EQ(CanAdministerJobs(*ActorFor(row.who)), row.administer_jobs) << row.who.name;
}

}  // namespace
}  // namespace pol::ops
