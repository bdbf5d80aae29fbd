// The insight policy as a table: (role, scope) → may see council 1's dashboard, agency 10's, agency 20's
// (council 1), and council 2's?
#include "insight/insight_policy.h"

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

TEST(InsightPolicyTest, Table) {
  struct Row {
    Who who;
    bool council1, agency10, agency20, council2;
  };
  const std::vector<Row> rows = {
      {{"system", {}, true}, true, true, true, true},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, true, true, true, true},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, 1)}}, true, true, true, false},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, 1)}}, true, true, true, false},
      {{"analyst", {CouncilGrant(Role::kAnalyst, 1)}}, true, true, true, false},
      {{"analyst of council 2", {CouncilGrant(Role::kAnalyst, 2)}}, false, false, false, true},
      {{"pr_manager", {AgencyGrant(Role::kAgencyPrManager, 1, 10)}}, false, true, false, false},
      {{"editor", {AgencyGrant(Role::kAgencyEditor, 1, 10)}}, false, true, false, false},
      {{"citizen_desk", {AgencyGrant(Role::kCitizenDesk, 1, 10)}}, false, true, false, false},
      {{"no roles", {}}, false, false, false, false},
  };
  for (const Row& row : rows) {
    ActorFor a(row.who);
    EXPECT_EQ(CanViewCouncilInsight(*a, 1), row.council1) << row.who.name;
    EXPECT_EQ(CanViewAgencyInsight(*a, 1, 10), row.agency10) << row.who.name;
    EXPECT_EQ(CanViewAgencyInsight(*a, 1, 20), row.agency20) << row.who.name;
    EXPECT_EQ(CanViewCouncilInsight(*a, 2), row.council2) << row.who.name;
  }
}

}  // namespace
}  // namespace pol::insight
