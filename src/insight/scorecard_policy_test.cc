// The scorecard policy as a table: (role, committee office) → may manage council 1's scorecards, read
// them, read agency 10's card, upload agency 10's evidence, upload agency 20's evidence.
#include "insight/scorecard_policy.h"

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

TEST(ScorecardPolicyTest, Table) {
  struct Row {
    Who who;
    bool office;
    bool manage, read, card10, upload10, upload20;
  };
  const std::vector<Row> rows = {
      {{"system", {}, true}, false, true, true, true, true, true},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, false, true, true, true, true, true},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, 1)}}, false, true, true, true, true, true},
      {{"council_admin of 2", {CouncilGrant(Role::kCouncilAdmin, 2)}},
       false,
       false,
       false,
       false,
       false,
       false},
      {{"committee secretary", {CouncilGrant(Role::kCommitteeMember, 1)}},
       true,
       true,
       true,
       true,
       true,
       true},
      {{"committee member", {CouncilGrant(Role::kCommitteeMember, 1)}},
       false,
       false,
       true,
       true,
       false,
       false},
      {{"analyst", {CouncilGrant(Role::kAnalyst, 1)}}, false, false, true, true, false, false},
      {{"analyst with a seat", {CouncilGrant(Role::kAnalyst, 1)}}, true, false, true, true, false, false},
      {{"pr_manager of 10", {AgencyGrant(Role::kAgencyPrManager, 1, 10)}},
       false,
       false,
       false,
       true,
       true,
       false},
      {{"editor of 10", {AgencyGrant(Role::kAgencyEditor, 1, 10)}}, false, false, false, false, false, false},
      {{"citizen_desk of 10", {AgencyGrant(Role::kCitizenDesk, 1, 10)}},
       false,
       false,
       false,
       false,
       false,
       false},
      {{"no roles", {}}, false, false, false, false, false, false},
  };
  for (const Row& row : rows) {
    ActorFor a(row.who);
    EXPECT_EQ(CanManageScorecards(*a, 1, row.office), row.manage) << row.who.name;
    EXPECT_EQ(CanReadScorecards(*a, 1, row.office), row.read) << row.who.name;
    EXPECT_EQ(CanReadAgencyScorecard(*a, 1, 10, row.office), row.card10) << row.who.name;
    EXPECT_EQ(CanUploadEvidence(*a, 1, 10, row.office), row.upload10) << row.who.name;
    EXPECT_EQ(CanUploadEvidence(*a, 1, 20, row.office), row.upload20) << row.who.name;
  }
}

// Deleting agency 10's evidence: its PR manager whoever uploaded it; the uploader while they may upload.
TEST(ScorecardPolicyTest, DeleteEvidence) {
  struct Row {
    Who who;
    bool office;
    std::optional<int64_t> uploaded_by;  // the test principal is user 1
    bool allowed;
  };
  const std::vector<Row> rows = {
      {{"system", {}, true}, false, 7, true},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, false, 7, true},
      {{"pr_manager of 10, another uploader", {AgencyGrant(Role::kAgencyPrManager, 1, 10)}}, false, 7, true},
      {{"pr_manager of 20", {AgencyGrant(Role::kAgencyPrManager, 1, 20)}}, false, 1, false},
      {{"council_admin, uploader", {CouncilGrant(Role::kCouncilAdmin, 1)}}, false, 1, true},
      {{"council_admin, not the uploader", {CouncilGrant(Role::kCouncilAdmin, 1)}}, false, 7, false},
      {{"council_admin of 2, uploader", {CouncilGrant(Role::kCouncilAdmin, 2)}}, false, 1, false},
      {{"secretary, uploader", {CouncilGrant(Role::kCommitteeMember, 1)}}, true, 1, true},
      {{"member without a seat, uploader", {CouncilGrant(Role::kCommitteeMember, 1)}}, false, 1, false},
      {{"analyst", {CouncilGrant(Role::kAnalyst, 1)}}, false, 7, false},
      {{"editor of 10", {AgencyGrant(Role::kAgencyEditor, 1, 10)}}, false, 1, false},
      {{"no roles, uploader of nothing", {}}, false, std::nullopt, false},
  };
  for (const Row& row : rows) {
    ActorFor a(row.who);
    EXPECT_EQ(CanDeleteEvidence(*a, 1, 10, row.uploaded_by, row.office), row.allowed) << row.who.name;
  }
}

}  // namespace
}  // namespace pol::insight
