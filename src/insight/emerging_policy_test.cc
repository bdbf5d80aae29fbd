// The emerging issues policy as a table: (role) → may see council 1's issues, manage them, see an issue
// owned by agency 10 (council 1), and see council 2's issues?
#include "insight/emerging_policy.h"

#include <gtest/gtest.h>

#include <vector>

#include "accounts/test_principals.h"

namespace pol::insight {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

TEST(EmergingPolicyTest, Table) {
  struct Row {
    Who who;
    bool view1, manage1, owned10, view2;
  };
  const std::vector<Row> rows = {
      {{"system", {}, true}, true, true, true, true},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, true, true, true, true},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, 1)}}, true, true, true, false},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, 1)}}, true, false, true, false},
      {{"analyst", {CouncilGrant(Role::kAnalyst, 1)}}, true, false, true, false},
      {{"council_admin of council 2", {CouncilGrant(Role::kCouncilAdmin, 2)}}, false, false, false, true},
      {{"pr_manager of 10", {AgencyGrant(Role::kAgencyPrManager, 1, 10)}}, false, false, true, false},
      {{"pr_manager of 20", {AgencyGrant(Role::kAgencyPrManager, 1, 20)}}, false, false, false, false},
      {{"editor of 10", {AgencyGrant(Role::kAgencyEditor, 1, 10)}}, false, false, false, false},
      {{"no roles", {}}, false, false, false, false},
  };
  for (const Row& row : rows) {
    ActorFor a(row.who);
    EXPECT_EQ(CanViewEmerging(*a, 1), row.view1) << row.who.name;
    EXPECT_EQ(CanManageEmerging(*a, 1), row.manage1) << row.who.name;
    EXPECT_EQ(CanViewOwnedEmerging(*a, 1, 10), row.owned10) << row.who.name;
    EXPECT_EQ(CanViewEmerging(*a, 2), row.view2) << row.who.name;
  }
}

}  // namespace
}  // namespace pol::insight
