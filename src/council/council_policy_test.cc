// Councils' authorization as a table: (role, scope) × action → allowed?
#include "council/council_policy.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "accounts/test_principals.h"

namespace pol::council {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

constexpr int64_t kCouncil = 1, kOtherCouncil = 2, kAgency = 10, kElsewhere = 20;

enum Action { kRead, kManage, kCreate, kActions };

struct Row {
  Who who;
  std::array<bool, kActions> allowed;  // CanReadCouncil(1), CanManageCouncil(1), CanCreateCouncil
};

TEST(CouncilPolicyTest, Table) {
  constexpr bool T = true, F = false;
  const std::vector<Row> rows = {
      {{"system", {}, true}, {T, T, T}},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, {T, T, T}},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}}, {T, T, F}},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, kCouncil)}}, {T, F, F}},
      {{"analyst", {CouncilGrant(Role::kAnalyst, kCouncil)}}, {T, F, F}},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}}, {F, F, F}},
      {{"pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}}, {T, F, F}},
      {{"editor", {AgencyGrant(Role::kAgencyEditor, kCouncil, kAgency)}}, {T, F, F}},
      {{"citizen_desk", {AgencyGrant(Role::kCitizenDesk, kCouncil, kAgency)}}, {T, F, F}},
      {{"editor elsewhere", {AgencyGrant(Role::kAgencyEditor, kOtherCouncil, kElsewhere)}}, {F, F, F}},
      {{"no roles", {}}, {F, F, F}},
  };
  for (const Row& row : rows) {
    ActorFor actor(row.who);
    const std::array<bool, kActions> got = {CanReadCouncil(*actor, kCouncil),
                                            CanManageCouncil(*actor, kCouncil), CanCreateCouncil(*actor)};
    for (int i = 0; i < kActions; ++i) EXPECT_EQ(got[i], row.allowed[i]) << row.who.name << ", action #" << i;
  }
}

TEST(CouncilPolicyTest, ReadableCouncils) {
  EXPECT_FALSE(ReadableCouncils(*ActorFor({"system", {}, true})));
  EXPECT_FALSE(ReadableCouncils(*ActorFor({"system_admin", {GlobalGrant(Role::kSystemAdmin)}})));
  auto mine = ReadableCouncils(*ActorFor(
      {"mixed",
       {CouncilGrant(Role::kAnalyst, kCouncil), AgencyGrant(Role::kAgencyEditor, kOtherCouncil, kElsewhere),
        AgencyGrant(Role::kCitizenDesk, kCouncil, kAgency)}}));
  ASSERT_TRUE(mine);
  EXPECT_EQ(*mine, (std::vector<int64_t>{kCouncil, kOtherCouncil}));
  auto none = ReadableCouncils(*ActorFor({"no roles", {}}));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace pol::council
