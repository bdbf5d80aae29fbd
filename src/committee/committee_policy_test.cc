// The committee's authorization as a table: (role, scope, seat) × action → allowed?
#include "committee/committee_policy.h"

#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "accounts/test_principals.h"
#include "committee/publication_policy.h"

namespace pol::committee {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

constexpr int64_t kCouncil = 1, kOtherCouncil = 2, kAgency = 10, kElsewhere = 20;
// ActorFor gives every principal user id 1.
constexpr int64_t kSelf = 1, kSomeoneElse = 7;

enum Action {
  kRead,
  kManage,
  kRun,
  kApprove,
  kRsvp,
  kVote,
  kReadDecision,
  kFollowUp,
  kFollowOther,
  kActions
};

struct Row {
  Who who;
  std::optional<Seat> seat;
  std::array<bool, kActions> allowed;
};

TEST(CommitteePolicyTest, Table) {
  constexpr bool T = true, F = false;
  const Seat chair{"chair", true}, secretary{"secretary", true}, member{"member", true},
      guest{"guest", false};
  const std::vector<Row> rows = {
      //                                                                         read man  run  appr rsvp vote rdec fu   fuOther
      {{"system", {}, true}, std::nullopt, {T, T, T, T, F, F, T, T, T}},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, std::nullopt, {T, T, T, T, F, F, T, T, T}},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}},
       std::nullopt,
       {T, T, T, T, F, F, T, T, T}},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}},
       std::nullopt,
       {F, F, F, F, F, F, F, T, F}},
      {{"committee_member role, no seat", {CouncilGrant(Role::kCommitteeMember, kCouncil)}},
       std::nullopt,
       {T, F, F, F, F, F, T, T, F}},
      {{"chair", {CouncilGrant(Role::kCommitteeMember, kCouncil)}}, chair, {T, F, F, T, T, T, T, T, F}},
      {{"secretary", {CouncilGrant(Role::kCommitteeMember, kCouncil)}},
       secretary,
       {T, F, T, F, T, T, T, T, T}},
      {{"member", {CouncilGrant(Role::kCommitteeMember, kCouncil)}}, member, {T, F, F, F, T, T, T, T, F}},
      {{"guest", {AgencyGrant(Role::kAgencyEditor, kCouncil, kElsewhere)}},
       guest,
       {T, F, F, F, T, F, T, T, F}},
      {{"analyst", {CouncilGrant(Role::kAnalyst, kCouncil)}}, std::nullopt, {F, F, F, F, F, F, F, T, F}},
      {{"owner agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}},
       std::nullopt,
       {F, F, F, F, F, F, T, T, T}},
      {{"other agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kElsewhere)}},
       std::nullopt,
       {F, F, F, F, F, F, F, T, F}},
      {{"owner agency's editor", {AgencyGrant(Role::kAgencyEditor, kCouncil, kAgency)}},
       std::nullopt,
       {F, F, F, F, F, F, F, T, F}},
      {{"no roles", {}}, std::nullopt, {F, F, F, F, F, F, F, T, F}},
  };
  for (const Row& row : rows) {
    ActorFor actor(row.who);
    const std::array<bool, kActions> got = {
        CanReadCommittee(*actor, kCouncil, row.seat),
        CanManageCommittee(*actor, kCouncil),
        CanRunMeetings(*actor, kCouncil, row.seat),
        CanApproveMinutes(*actor, kCouncil, row.seat),
        CanRsvp(row.seat),
        CanCastOwnVote(row.seat),
        CanReadDecision(*actor, kCouncil, row.seat, kAgency),
        // The decision is owned by the actor in person (kFollowUp) or by someone else (kFollowOther).
        CanFollowUp(*actor, kCouncil, row.seat, kAgency, kSelf),
        CanFollowUp(*actor, kCouncil, row.seat, kAgency, kSomeoneElse),
    };
    for (int i = 0; i < kActions; ++i) EXPECT_EQ(got[i], row.allowed[i]) << row.who.name << ", action #" << i;
  }
}

TEST(CommitteePolicyTest, Scopes) {
  EXPECT_FALSE(CommitteeCouncils(*ActorFor({"system_admin", {GlobalGrant(Role::kSystemAdmin)}})));
  auto mine = CommitteeCouncils(
      *ActorFor({"mixed",
                 {CouncilGrant(Role::kCommitteeMember, kCouncil), CouncilGrant(Role::kAnalyst, kOtherCouncil),
                  AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}}));
  ASSERT_TRUE(mine);
  EXPECT_EQ(*mine, (std::vector<int64_t>{kCouncil}));
  EXPECT_EQ(FollowedAgencies(*ActorFor({"mixed",
                                        {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency),
                                         AgencyGrant(Role::kAgencyEditor, kCouncil, kElsewhere)}})),
            (std::vector<int64_t>{kAgency}));
  EXPECT_TRUE(FollowedAgencies(*ActorFor({"system", {}, true})).empty());
}

TEST(CommitteePolicyTest, MinutesComments) {
  const Seat chair{"chair", true}, secretary{"secretary", true}, member{"member", true},
      guest{"guest", false};
  const auto seated = CouncilGrant(Role::kCommitteeMember, kCouncil);
  struct Case {
    Who who;
    std::optional<Seat> seat;
    bool attended, allowed;
  };
  const std::vector<Case> cases = {
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}}, std::nullopt, false, true},
      {{"chair, absent", {seated}}, chair, false, true},
      {{"secretary, absent", {seated}}, secretary, false, true},
      {{"member present", {seated}}, member, true, true},
      {{"member absent", {seated}}, member, false, false},
      {{"guest present", {}}, guest, true, true},
      {{"committee_member role, no seat", {seated}}, std::nullopt, true, false},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}},
       std::nullopt,
       true,
       false},
      {{"owner agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}},
       std::nullopt,
       true,
       false},
  };
  for (const Case& c : cases) {
    ActorFor actor(c.who);
    EXPECT_EQ(CanCommentOnMinutes(*actor, kCouncil, c.seat, c.attended), c.allowed) << c.who.name;
  }
}

// The public page: who turns it on (the council's admins) and who publishes a decision on it (secretary,
// chair, admins).
TEST(CommitteePolicyTest, PublicPage) {
  const Seat chair{"chair", true}, secretary{"secretary", true}, member{"member", true};
  const auto seated = CouncilGrant(Role::kCommitteeMember, kCouncil);
  struct Case {
    Who who;
    std::optional<Seat> seat;
    bool set_page, publish;
  };
  const std::vector<Case> cases = {
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}}, std::nullopt, true, true},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}}, std::nullopt, true, true},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}},
       std::nullopt,
       false,
       false},
      {{"chair", {seated}}, chair, false, true},
      {{"secretary", {seated}}, secretary, false, true},
      {{"member", {seated}}, member, false, false},
      {{"committee_member role, no seat", {seated}}, std::nullopt, false, false},
      {{"owner agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}},
       std::nullopt,
       false,
       false},
  };
  for (const Case& c : cases) {
    ActorFor actor(c.who);
    EXPECT_EQ(CanSetPublicPage(*actor, kCouncil), c.set_page) << c.who.name;
    EXPECT_EQ(CanPublishDecision(*actor, kCouncil, c.seat), c.publish) << c.who.name;
  }
}

}  // namespace
}  // namespace pol::committee
