// The messenger policy as a table: (role, scope) × action → allowed?
#include "messenger/messenger_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accounts/test_principals.h"

namespace pol::messenger {
namespace {

using accounts::Role;
using accounts::testing::ActorFor;
using accounts::testing::AgencyGrant;
using accounts::testing::CouncilGrant;
using accounts::testing::GlobalGrant;
using accounts::testing::Who;

constexpr int64_t kCouncil = 1, kOtherCouncil = 2, kAgency = 10, kOtherAgency = 11;

struct Row {
  Who who;
  // Expected: manage the council's bot, kAgency's, kOtherAgency's, the other council's; unofficial host;
  // the list covers nothing at all.
  bool council_bot, agency_bot, other_agency_bot, other_council_bot, unofficial_host, lists_nothing;
};

std::vector<Row> Table() {
  constexpr bool T = true, F = false;
  // clang-format off
  return {
      {{"system", {}, true},                                                              T, T, T, T, T, F},
      {{"system_admin", {GlobalGrant(Role::kSystemAdmin)}},                               T, T, T, T, T, F},
      {{"council_admin", {CouncilGrant(Role::kCouncilAdmin, kCouncil)}},                  T, T, T, F, F, F},
      {{"council_admin elsewhere", {CouncilGrant(Role::kCouncilAdmin, kOtherCouncil)}},   F, F, F, T, F, F},
      {{"committee_member", {CouncilGrant(Role::kCommitteeMember, kCouncil)}},            F, F, F, F, F, T},
      {{"analyst", {CouncilGrant(Role::kAnalyst, kCouncil)}},                             F, F, F, F, F, T},
      {{"agency_pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kAgency)}},   F, T, F, F, F, F},
      {{"other agency's pr_manager", {AgencyGrant(Role::kAgencyPrManager, kCouncil, kOtherAgency)}},
                                                                                          F, F, T, F, F, F},
      {{"agency_editor", {AgencyGrant(Role::kAgencyEditor, kCouncil, kAgency)}},          F, F, F, F, F, T},
      {{"citizen_desk", {AgencyGrant(Role::kCitizenDesk, kCouncil, kAgency)}},            F, F, F, F, F, T},
      {{"no roles", {}},                                                                  F, F, F, F, F, T},
  };
  // clang-format on
}

TEST(MessengerPolicy, Table) {
  for (const Row& r : Table()) {
    SCOPED_TRACE(r.who.name);
    const ActorFor actor(r.who);
    const accounts::Actor& a = *actor;
    EXPECT_EQ(CanManageBots(a, kCouncil, std::nullopt), r.council_bot);
    EXPECT_EQ(CanManageBots(a, kCouncil, kAgency), r.agency_bot);
    EXPECT_EQ(CanManageBots(a, kCouncil, kOtherAgency), r.other_agency_bot);
    EXPECT_EQ(CanManageBots(a, kOtherCouncil, std::nullopt), r.other_council_bot);
    EXPECT_EQ(CanUseUnofficialBotHost(a), r.unofficial_host);
    // Every grant in the table is in kCouncil except "council_admin elsewhere" and "no roles".
    const bool member = r.who.system || r.who.name == "system_admin" ||
                        (r.who.name != "no roles" && r.who.name != "council_admin elsewhere");
    EXPECT_EQ(CanSeeOwner(a, kCouncil), member);
    EXPECT_EQ(CanLinkStaffChat(a, kCouncil), member && !r.who.system);  // one's own chat: never the system
    EXPECT_EQ(ManageableBots(a).none, r.lists_nothing);
  }
}

}  // namespace
}  // namespace pol::messenger
