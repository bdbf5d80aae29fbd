// The distribution policy as a table: (role, scope) × action → allowed?
#include "distribution/distribution_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pol::distribution {
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
  bool system = false;  // the system itself (no principal)
  // Expected: manage the council's own channels, manage kAgency's, manage kOtherAgency's, manage the
  // other council's; choose kCouncil as owner; retry/cancel on kAgency's channel.
  bool council_channels, agency_channels, other_agency_channels, other_council_channels;
  bool choose_owner, retry_cancel;
};

std::vector<Row> Table() {
  return {
      {"system", {}, true, true, true, true, true, true, true},
      {"system_admin", With("system_admin", std::nullopt, std::nullopt), false, true, true, true, true, true,
       true},
      {"council_admin", With("council_admin", kCouncil, std::nullopt), false, true, true, true, false, true,
       true},
      {"council_admin elsewhere", With("council_admin", kOtherCouncil, std::nullopt), false, false, false,
       false, true, false, false},
      {"committee_member", With("committee_member", kCouncil, std::nullopt), false, false, false, false,
       false, true, false},
      {"analyst", With("analyst", kCouncil, std::nullopt), false, false, false, false, false, true, false},
      {"agency_pr_manager", With("agency_pr_manager", kCouncil, kAgency), false, false, true, false, false,
       true, true},
      {"other agency's pr_manager", With("agency_pr_manager", kCouncil, kOtherAgency), false, false, false,
       true, false, true, false},
      {"agency_editor", With("agency_editor", kCouncil, kAgency), false, false, false, false, false, true,
       false},
      {"citizen_desk", With("citizen_desk", kCouncil, kAgency), false, false, false, false, false, true,
       false},
      {"no roles", Principal{}, false, false, false, false, false, false, false},
  };
}

TEST(DistributionPolicy, Table) {
  for (const Row& r : Table()) {
    Actor a{r.system ? nullptr : &r.p, "127.0.0.1"};
    EXPECT_EQ(CanManageChannels(a, kCouncil, std::nullopt), r.council_channels) << r.who;
    EXPECT_EQ(CanManageChannels(a, kCouncil, kAgency), r.agency_channels) << r.who;
    EXPECT_EQ(CanManageChannels(a, kCouncil, kOtherAgency), r.other_agency_channels) << r.who;
    EXPECT_EQ(CanManageChannels(a, kOtherCouncil, std::nullopt), r.other_council_channels) << r.who;
    EXPECT_EQ(CanChooseOwner(a, kCouncil), r.choose_owner) << r.who;
    EXPECT_EQ(CanRetryOrCancelDelivery(a, kCouncil, kAgency), r.retry_cancel) << r.who;
    // Press contacts unmasked: exactly those who manage the agency's channels and press lists.
    EXPECT_EQ(CanSeePressContacts(a, kCouncil, kAgency), r.agency_channels) << r.who;
    EXPECT_EQ(CanSeePressContacts(a, kCouncil, std::nullopt), r.council_channels) << r.who;
    // Unofficial messenger hosts: system admins (and the system) only.
    EXPECT_EQ(CanUseUnofficialMessengerHost(a), r.system || r.who == "system_admin") << r.who;
  }
}

TEST(DistributionPolicy, ManageableScope) {
  // System and system admins: everything (no restriction).
  Principal admin = With("system_admin", std::nullopt, std::nullopt);
  for (const Actor& a : {Actor{nullptr, ""}, Actor{&admin, ""}}) {
    ManageScope s = ManageableScope(a);
    EXPECT_FALSE(s.none);
    EXPECT_FALSE(s.councils.has_value());
    EXPECT_FALSE(s.agencies.has_value());
  }
  // A council admin: the council; a PR manager: the agency.
  Principal ca = With("council_admin", kCouncil, std::nullopt);
  ManageScope s = ManageableScope(Actor{&ca, ""});
  EXPECT_FALSE(s.none);
  EXPECT_EQ(s.councils, std::vector<int64_t>{kCouncil});
  EXPECT_EQ(s.agencies, std::vector<int64_t>{});
  Principal pr = With("agency_pr_manager", kCouncil, kAgency);
  s = ManageableScope(Actor{&pr, ""});
  EXPECT_FALSE(s.none);
  EXPECT_EQ(s.councils, std::vector<int64_t>{});
  EXPECT_EQ(s.agencies, std::vector<int64_t>{kAgency});
  // Roles that manage nothing: none.
  for (const char* role : {"committee_member", "analyst", "agency_editor", "citizen_desk"}) {
    const bool agency_role = std::string(role).starts_with("agency") || std::string(role) == "citizen_desk";
    Principal p = With(role, kCouncil, agency_role ? std::optional<int64_t>(kAgency) : std::nullopt);
    EXPECT_TRUE(ManageableScope(Actor{&p, ""}).none) << role;
  }
}

TEST(DistributionPolicy, ManageScopeCoversItsOwnRowsOnly) {
  Principal admin = With("system_admin", std::nullopt, std::nullopt);
  EXPECT_TRUE(ManageableScope(Actor{&admin, ""}).Covers(kOtherCouncil, kOtherAgency));
  Principal ca = With("council_admin", kCouncil, std::nullopt);
  const ManageScope council = ManageableScope(Actor{&ca, ""});
  EXPECT_TRUE(council.Covers(kCouncil, std::nullopt));
  EXPECT_TRUE(council.Covers(kCouncil, kAgency));
  EXPECT_FALSE(council.Covers(kOtherCouncil, std::nullopt));
  Principal pr = With("agency_pr_manager", kCouncil, kAgency);
  const ManageScope agency = ManageableScope(Actor{&pr, ""});
  EXPECT_TRUE(agency.Covers(kCouncil, kAgency));
  EXPECT_FALSE(agency.Covers(kCouncil, kOtherAgency));
  EXPECT_FALSE(agency.Covers(kCouncil, std::nullopt));  // the council's own rows are not the agency's
  Principal analyst = With("analyst", kCouncil, std::nullopt);
  EXPECT_FALSE(ManageableScope(Actor{&analyst, ""}).Covers(kCouncil, std::nullopt));
}

}  // namespace
}  // namespace pol::distribution
