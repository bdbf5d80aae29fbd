// The messenger policy as a table: (role, scope) × action → allowed?
#include "messenger/messenger_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::messenger {
namespace {

using accounts::Actor;
using accounts::Principal;

constexpr int64_t kCouncil = 1, kOtherCouncil = 2, kAgency = 10, kOtherAgency = 11;

Principal With(std::string role, std::optional<int64_t> council, std::optional<int64_t> agency) {
  Principal p;
  p.user_id = 7;
  p.name = role;
  p.grants = {{std::move(role), council, agency}};
  return p;
}

struct Row {
  std::string who;
  Principal p;
  bool system = false;
  // Expected: manage the council's bot, kAgency's, kOtherAgency's, the other council's; unofficial host;
  // the list covers nothing at all.
  bool council_bot, agency_bot, other_agency_bot, other_council_bot, unofficial_host, lists_nothing;
};

std::vector<Row> Table() {
  return {
      {"system", {}, true, true, true, true, true, true, false},
      {"system_admin", With("system_admin", std::nullopt, std::nullopt), false, true, true, true, true, true,
       false},
      {"council_admin", With("council_admin", kCouncil, std::nullopt), false, true, true, true, false, false,
       false},
      {"council_admin elsewhere", With("council_admin", kOtherCouncil, std::nullopt), false, false, false,
       false, true, false, false},
      {"committee_member", With("committee_member", kCouncil, std::nullopt), false, false, false, false,
       false, false, true},
      {"analyst", With("analyst", kCouncil, std::nullopt), false, false, false, false, false, false, true},
      {"agency_pr_manager", With("agency_pr_manager", kCouncil, kAgency), false, false, true, false, false,
       false, false},
      {"other agency's pr_manager", With("agency_pr_manager", kCouncil, kOtherAgency), false, false, false,
       true, false, false, false},
      {"agency_editor", With("agency_editor", kCouncil, kAgency), false, false, false, false, false, false,
       true},
      {"citizen_desk", With("citizen_desk", kCouncil, kAgency), false, false, false, false, false, false,
       true},
      {"no roles", Principal{}, false, false, false, false, false, false, true},
  };
}

TEST(MessengerPolicy, Table) {
  for (const Row& r : Table()) {
    SCOPED_TRACE(r.who);
    const Actor a{r.system ? nullptr : &r.p, "127.0.0.1"};
    EXPECT_EQ(CanManageBots(a, kCouncil, std::nullopt), r.council_bot);
    EXPECT_EQ(CanManageBots(a, kCouncil, kAgency), r.agency_bot);
    EXPECT_EQ(CanManageBots(a, kCouncil, kOtherAgency), r.other_agency_bot);
    EXPECT_EQ(CanManageBots(a, kOtherCouncil, std::nullopt), r.other_council_bot);
    EXPECT_EQ(CanUseUnofficialBotHost(a), r.unofficial_host);
    // Every grant in the table is in kCouncil except "council_admin elsewhere" and "no roles".
    const bool member =
        r.system || r.who == "system_admin" || (r.who != "no roles" && r.who != "council_admin elsewhere");
    EXPECT_EQ(CanSeeOwner(a, kCouncil), member);
    EXPECT_EQ(ManageableBots(a).none, r.lists_nothing);
  }
}

}  // namespace
}  // namespace pol::messenger
