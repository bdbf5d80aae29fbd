// The newsroom's authorization as a table: (role, scope) × action → allowed?
#include "newsroom/newsroom_policy.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "accounts/test_principals.h"

namespace pol::newsroom {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

// Council 1 has agencies 10 (the author), 11 (a co-signer) and 12; council 2 has agency 20.
constexpr int64_t kCouncil = 1, kOtherCouncil = 2, kAuthor = 10, kCoSigner = 11, kBystander = 12,
                  kElsewhere = 20;

store::Release TheRelease() {
  store::Release r;
  r.council_id = kCouncil;
  r.agency_id = kAuthor;
  r.co_signers = {{kCoSigner, std::nullopt, std::nullopt}};
  return r;
}

enum Action {
  kSeeCouncil,         // CanSeeCouncil(1)
  kSeesAll,            // SeesAllCouncilReleases(1)
  kRead,               // CanReadRelease(the release)
  kWrite,              // CanWriteReleases(10)
  kManage,             // CanManageReleases(10)
  kManageCoSigner,     // CanManageReleases(11)
  kApproveForCouncil,  // CanApproveForCouncil(1)
  kCoversCouncil,      // ApprovalCoversCouncilStep
  kOccasion,           // CanManageOccasion(1)
  kSharedOccasion,     // CanManageOccasion(none)
  kActions
};

struct Row {
  Who who;
  std::array<bool, kActions> allowed;
};

const std::vector<Row>& Table() {
  constexpr bool T = true, F = false;
  static const std::vector<Row> rows = {
      //                                                               see  all  read write mng  co   cncl cover occ  shared
      {{"system", {}, true}, {T, T, T, T, T, T, T, T, T, T}},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, {T, T, T, T, T, T, T, T, T, T}},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}}, {T, T, T, F, F, F, T, F, T, F}},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, kCouncil)}},
       {T, T, T, F, F, F, T, F, F, F}},
      {{"analyst", {CouncilGrant(Role::kAnalyst, kCouncil)}}, {T, T, T, F, F, F, F, F, F, F}},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}},
       {F, F, F, F, F, F, F, F, F, F}},
      {{"pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAuthor)}},
       {T, F, T, T, T, F, F, F, F, F}},
      {{"editor", {AgencyGrant(Role::kAgencyEditor, kCouncil, kAuthor)}}, {T, F, T, T, F, F, F, F, F, F}},
      {{"citizen_desk", {AgencyGrant(Role::kCitizenDesk, kCouncil, kAuthor)}},
       {T, F, T, F, F, F, F, F, F, F}},
      {{"co-signer's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kCoSigner)}},
       {T, F, T, F, F, T, F, F, F, F}},
      {{"co-signer's editor", {AgencyGrant(Role::kAgencyEditor, kCouncil, kCoSigner)}},
       {T, F, T, F, F, F, F, F, F, F}},
      {{"bystander agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kBystander)}},
       {T, F, F, F, F, F, F, F, F, F}},
      {{"pr_manager elsewhere", {AgencyGrant(Role::kAgencyPrManager, kOtherCouncil, kElsewhere)}},
       {F, F, F, F, F, F, F, F, F, F}},
      {{"no roles", {}}, {F, F, F, F, F, F, F, F, F, F}},
  };
  return rows;
}

TEST(NewsroomPolicyTest, Table) {
  const store::Release release = TheRelease();
  for (const Row& row : Table()) {
    ActorFor actor(row.who);
    const accounts::Actor& a = *actor;
    const std::array<bool, kActions> got = {
        CanSeeCouncil(a, kCouncil),        SeesAllCouncilReleases(a, kCouncil),
        CanReadRelease(a, release),        CanWriteReleases(a, kAuthor),
        CanManageReleases(a, kAuthor),     CanManageReleases(a, kCoSigner),
        CanApproveForCouncil(a, kCouncil), ApprovalCoversCouncilStep(a),
        CanManageOccasion(a, kCouncil),    CanManageOccasion(a, std::nullopt)};
    for (int i = 0; i < kActions; ++i) {
      EXPECT_EQ(got[i], row.allowed[i]) << row.who.name << ", action #" << i;
    }
  }
}

TEST(NewsroomPolicyTest, ListScopes) {
  // System admins (and the system) see and approve everything.
  EXPECT_FALSE(ReadableReleases(*ActorFor({"system_admin", {GlobalGrant(Role::kSystemAdmin)}})));
  EXPECT_FALSE(ApprovableReleases(*ActorFor({"system", {}, true})));

  // Lists: agencies where the actor holds any role; councils where they hold a council role.
  Who mixed{"mixed",
            {CouncilGrant(Role::kAnalyst, kCouncil), AgencyGrant(Role::kAgencyEditor, kCouncil, kAuthor),
             AgencyGrant(Role::kAgencyPrManager, kOtherCouncil, kElsewhere)}};
  auto read = ReadableReleases(*ActorFor(mixed));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->agencies, (std::vector<int64_t>{kAuthor, kElsewhere}));
  EXPECT_EQ(read->councils, (std::vector<int64_t>{kCouncil}));

  // The approval queue: agencies managed as PR manager; councils of council admins and committee members.
  auto approve = ApprovableReleases(*ActorFor(mixed));
  ASSERT_TRUE(approve);
  EXPECT_EQ(approve->agencies, (std::vector<int64_t>{kElsewhere}));
  EXPECT_TRUE(approve->councils.empty());
  auto committee = ApprovableReleases(*ActorFor(
      {"committee",
       {CouncilGrant(Role::kCommitteeMember, kCouncil), CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}}));
  ASSERT_TRUE(committee);
  EXPECT_TRUE(committee->agencies.empty());
  EXPECT_EQ(committee->councils, (std::vector<int64_t>{kCouncil, kOtherCouncil}));

  auto nobody = ReadableReleases(*ActorFor({"no roles", {}}));
  ASSERT_TRUE(nobody);
  EXPECT_TRUE(nobody->agencies.empty() && nobody->councils.empty());
}

}  // namespace
}  // namespace pol::newsroom
