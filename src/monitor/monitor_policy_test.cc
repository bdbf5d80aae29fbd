// The monitoring policy as a table: (role, scope) × action → allowed. Council 1 has agencies 10 and 11;
// council 2 has agency 20. Every action is asked about council 1's objects.
#include "monitor/monitor_policy.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

namespace pol::monitor {
namespace {

using accounts::Actor;
using accounts::Principal;

struct Who {
  const char* name;
  std::vector<store::RoleGrant> grants;
  bool system = false;  // the system itself (no principal)
};

// Columns of the table, in this order.
std::vector<Who> People() {
  return {
      {"system", {}, true},
      {"system_admin", {{"system_admin", std::nullopt, std::nullopt}}},
      {"council_admin", {{"council_admin", 1, std::nullopt}}},
      {"committee_member", {{"committee_member", 1, std::nullopt}}},
      {"analyst", {{"analyst", 1, std::nullopt}}},
      {"agency_pr_manager", {{"agency_pr_manager", 1, 10}}},
      {"agency_editor", {{"agency_editor", 1, 10}}},
      {"citizen_desk", {{"citizen_desk", 1, 10}}},
      {"other_council_admin", {{"council_admin", 2, std::nullopt}}},
  };
}

struct Action {
  const char* name;
  std::function<bool(const Actor&)> check;
  const char* allowed;  // one Y/N per person of People()
};

TEST(MonitorPolicy, RoleTimesActionTable) {
  const std::vector<Action> table = {
      {"IsInCouncil(1)", [](const Actor& a) { return IsInCouncil(a, 1); }, "YYYYYYYYN"},
      {"CanReadMonitoring(1)", [](const Actor& a) { return CanReadMonitoring(a, 1); }, "YYYYYNNNN"},
      {"CanManageMonitoring(1)", [](const Actor& a) { return CanManageMonitoring(a, 1); }, "YYYNYNNNN"},
      {"IsAgencyStaff(10)", [](const Actor& a) { return IsAgencyStaff(a, 10); }, "NNNNNYYYN"},
      {"CanSeeItem(1, mentions 10)", [](const Actor& a) { return CanSeeItem(a, 1, {10}); }, "YYYYYYYYN"},
      {"CanSeeItem(1, mentions 11)", [](const Actor& a) { return CanSeeItem(a, 1, {11}); }, "YYYYYNNNN"},
      {"CanSeeItem(1, no mentions)", [](const Actor& a) { return CanSeeItem(a, 1, {}); }, "YYYYYNNNN"},
      {"CanSetTone(1, mentions 10)", [](const Actor& a) { return CanSetTone(a, 1, {10}); }, "YYYNYYNNN"},
      {"CanSetTone(1, mentions 11)", [](const Actor& a) { return CanSetTone(a, 1, {11}); }, "YYYNYNNNN"},
      {"CanManageWatchTerms(1, 10)", [](const Actor& a) { return CanManageWatchTerms(a, 1, 10); },
       "YYYNYYNNN"},
      {"CanManageWatchTerms(1, 11)", [](const Actor& a) { return CanManageWatchTerms(a, 1, 11); },
       "YYYNYNNNN"},
      {"CanSeeCoverage(own release)", [](const Actor& a) { return CanSeeCoverage(a, 1, 10, {}); },
       "YYYYYYYYN"},
      {"CanSeeCoverage(co-signed)", [](const Actor& a) { return CanSeeCoverage(a, 1, 11, {10}); },
       "YYYYYYYYN"},
      {"CanSeeCoverage(other agency)", [](const Actor& a) { return CanSeeCoverage(a, 1, 11, {}); },
       "YYYYYNNNN"},
      {"CanSeeStats(1, agency 10)", [](const Actor& a) { return CanSeeStats(a, 1, 10); }, "YYYYYYYYN"},
      {"CanSeeStats(1, agency 11)", [](const Actor& a) { return CanSeeStats(a, 1, 11); }, "YYYYYNNNN"},
      {"CanSeeStats(1, all agencies)", [](const Actor& a) { return CanSeeStats(a, 1, std::nullopt); },
       "YYYYYNNNN"},
  };
  const std::vector<Who> people = People();
  for (const Action& action : table) {
    ASSERT_EQ(std::string(action.allowed).size(), people.size()) << action.name;
    for (size_t i = 0; i < people.size(); ++i) {
      Principal p{.user_id = 1, .username = people[i].name, .grants = people[i].grants};
      const Actor a{people[i].system ? nullptr : &p, "127.0.0.1"};
      EXPECT_EQ(action.check(a), action.allowed[i] == 'Y') << action.name << " for " << people[i].name;
    }
  }
}

TEST(MonitorPolicy, SearchScopeAndSourceCouncils) {
  const Actor system{nullptr, ""};
  EXPECT_FALSE(SearchScope(system).councils);
  EXPECT_FALSE(SearchScope(system).agencies);
  EXPECT_FALSE(SourceCouncils(system));

  Principal admin{.user_id = 1, .grants = {{"system_admin", std::nullopt, std::nullopt}}};
  EXPECT_FALSE(SearchScope({&admin, ""}).councils);
  EXPECT_FALSE(SourceCouncils({&admin, ""}));

  Principal analyst{.user_id = 2, .grants = {{"analyst", 1, std::nullopt}}};
  ItemScope s = SearchScope({&analyst, ""});
  EXPECT_EQ(s.councils, std::vector<int64_t>{1});
  EXPECT_EQ(s.agencies, std::vector<int64_t>{});
  EXPECT_EQ(SourceCouncils({&analyst, ""}), std::vector<int64_t>{1});

  Principal pr{.user_id = 3, .grants = {{"agency_pr_manager", 1, 10}, {"agency_editor", 2, 20}}};
  s = SearchScope({&pr, ""});
  EXPECT_EQ(s.councils, std::vector<int64_t>{});
  EXPECT_EQ(s.agencies, (std::vector<int64_t>{10, 20}));
  EXPECT_EQ(SourceCouncils({&pr, ""}), (std::vector<int64_t>{1, 2}));
}

}  // namespace
}  // namespace pol::monitor
