// The citizens' authorization rules as a table: (role, scope) × action → allowed?
// Council 1 has agencies 10 and 11; council 2 has agency 20.
#include "citizen/citizen_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::citizen {
namespace {

using accounts::Actor;
using accounts::Principal;
using store::RoleGrant;

constexpr int64_t kCouncil = 1, kOtherCouncil = 2;
constexpr int64_t kAgency = 10, kSisterAgency = 11, kOtherAgency = 20;

struct Case {
  const char* who;
  std::vector<RoleGrant> grants;
  bool system;  // the system itself (no principal)
  // x = allowed, . = refused, in groups: handle a request (of the agency, of the triage desk, of
  // another council's agency) / routing / SLA targets / personal data / add a template (an agency's,
  // a council-wide one) / CSAT.
  const char* allowed;
  const char* inbox;      // "all", "none", or "a:<agency ids> c:<council ids>"
  const char* templates;  // "all", or the agencies whose templates are listed ("": none, refused)
};

std::string Ids(const std::vector<int64_t>& v) {
  std::string s;
  for (int64_t x : v) s += (s.empty() ? "" : ",") + std::to_string(x);
  return s;
}

std::string Describe(const RequestScope& s) {
  if (s.all) return "all";
  if (s.none()) return "none";
  return "a:" + Ids(s.agencies) + " c:" + Ids(s.councils);
}

std::string Describe(const std::optional<std::vector<int64_t>>& agencies) {
  return agencies ? Ids(*agencies) : "all";
}

const std::vector<Case>& Cases() {
  static const std::vector<Case> k = {
      // who, grants, system, allowed, inbox, templates
      {"the system", {}, true, "xxx/x/x/x/xx/x", "all", "all"},
      {"system_admin", {{"system_admin", {}, {}}}, false, "xxx/x/x/x/xx/x", "all", "all"},
      {"council_admin", {{"council_admin", kCouncil, {}}}, false, "xx./x/x/x/xx/x", "a: c:1", "all"},
      {"council_admin elsewhere",
       {{"council_admin", kOtherCouncil, {}}},
       false,
       "..x/./././../.",
       "a: c:2",
       ""},
      {"committee_member", {{"committee_member", kCouncil, {}}}, false, "..././././../x", "none", ""},
      {"analyst", {{"analyst", kCouncil, {}}}, false, "..././././../x", "none", ""},
      {"agency_pr_manager",
       {{"agency_pr_manager", kCouncil, kAgency}},
       false,
       "x.././././x./x",
       "a:10 c:",
       "10"},
      {"agency_editor", {{"agency_editor", kCouncil, kAgency}}, false, "..././././../x", "none", ""},
      {"citizen_desk", {{"citizen_desk", kCouncil, kAgency}}, false, "x.././././../x", "a:10 c:", "10"},
      {"citizen_desk of a sister agency",
       {{"citizen_desk", kCouncil, kSisterAgency}},
       false,
       "..././././../x",
       "a:11 c:",
       "11"},
      {"citizen_desk of another council",
       {{"citizen_desk", kOtherCouncil, kOtherAgency}},
       false,
       "..x/./././../.",
       "a:20 c:",
       "20"},
      {"no role", {}, false, "..././././../.", "none", ""},
  };
  return k;
}

// The i-th answer of a Case's `allowed` column string (separators skipped).
bool Allowed(const Case& c, size_t i) {
  std::string marks;
  for (const char* p = c.allowed; *p; ++p) {
    if (*p == 'x' || *p == '.') marks.push_back(*p);
  }
  EXPECT_EQ(marks.size(), 9u) << c.who;
  return i < marks.size() && marks[i] == 'x';
}

TEST(CitizenPolicy, Table) {
  for (const Case& c : Cases()) {
    SCOPED_TRACE(c.who);
    const Principal p{7, "user", "کاربر", c.grants};
    const Actor a{c.system ? nullptr : &p, "10.0.0.1"};
    EXPECT_EQ(CanHandleRequest(a, kCouncil, kAgency), Allowed(c, 0));
    EXPECT_EQ(CanHandleRequest(a, kCouncil, std::nullopt), Allowed(c, 1));
    EXPECT_EQ(CanHandleRequest(a, kOtherCouncil, kOtherAgency), Allowed(c, 2));
    if (!c.system) {
      EXPECT_EQ(CanBeAssignedRequest(p, kCouncil, kAgency), Allowed(c, 0));
      EXPECT_EQ(CanBeAssignedRequest(p, kCouncil, std::nullopt), Allowed(c, 1));
    }
    EXPECT_EQ(CanManageRouting(a, kCouncil), Allowed(c, 3));
    EXPECT_EQ(CanManageSlaTargets(a, kCouncil), Allowed(c, 4));
    EXPECT_EQ(CanHandlePersonalData(a, kCouncil), Allowed(c, 5));
    EXPECT_EQ(CanAddTemplate(a, kCouncil, kAgency), Allowed(c, 6));
    EXPECT_EQ(CanAddTemplate(a, kCouncil, std::nullopt), Allowed(c, 7));
    EXPECT_EQ(CanViewCsat(a, kCouncil), Allowed(c, 8));
    EXPECT_EQ(Describe(InboxScope(a)), c.inbox);
    EXPECT_EQ(Describe(TemplateAgencies(a, kCouncil)), c.templates);
  }
}

// An agency's roles reach only that agency's requests, whatever the council.
TEST(CitizenPolicy, AgencyRolesDoNotReachOtherAgencies) {
  const Principal p{
      7, "desk", "میز", {{"citizen_desk", kCouncil, kAgency}, {"agency_pr_manager", kCouncil, kAgency}}};
  const Actor a{&p, ""};
  EXPECT_TRUE(CanHandleRequest(a, kCouncil, kAgency));
  EXPECT_FALSE(CanHandleRequest(a, kCouncil, kSisterAgency));
  EXPECT_FALSE(CanHandleRequest(a, kOtherCouncil, kAgency + 100));
  EXPECT_FALSE(CanAddTemplate(a, kCouncil, kSisterAgency));
}

}  // namespace
}  // namespace pol::citizen
