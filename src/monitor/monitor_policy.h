// Who may do what in media monitoring: the one place monitoring decides authorization. Only this file
// calls the role primitives of accounts/roles.h; MonitorService calls these functions.
//
// The rules: system admins (and the system itself: CLI, jobs) may do everything. The council's roles
// (council_admin, committee_member, analyst) read every source, item, alert rule and chart of the
// council; council admins and analysts also manage sources, alert rules and tone. Agency roles see the
// items that mention their agency and their agency's charts; an agency PR manager also manages the
// agency's watch terms and corrects the tone of items mentioning the agency. Whoever holds no role in a
// council gets 404 for its objects (ids do not leak), whoever holds one but may not act gets 403.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"

namespace pol::monitor {

// Any role in the council or in one of its agencies: the council's objects exist for the actor.
bool IsInCouncil(const accounts::Actor& a, int64_t council_id);
// Reads all of the council's monitoring: system admins and the council's roles.
bool CanReadMonitoring(const accounts::Actor& a, int64_t council_id);
// Manages the council's sources, alert rules and tone: system admins, council admins, analysts.
bool CanManageMonitoring(const accounts::Actor& a, int64_t council_id);
// Holds any role in the agency (its staff).
bool IsAgencyStaff(const accounts::Actor& a, int64_t agency_id);
// Sees an item: council readers, and the staff of an agency the item mentions.
bool CanSeeItem(const accounts::Actor& a, int64_t council_id, const std::vector<int64_t>& mentioned_agencies);
// Corrects an item's tone: council managers, and the PR manager of an agency the item mentions.
bool CanSetTone(const accounts::Actor& a, int64_t council_id, const std::vector<int64_t>& mentioned_agencies);
// Adds or deletes an agency's watch terms: council managers and the agency's PR manager.
bool CanManageWatchTerms(const accounts::Actor& a, int64_t council_id, int64_t agency_id);
// Sees a release's coverage (the newsroom's read scope): anyone in the council who reads the council's
// monitoring, or is staff of the release's agency or of a co-signing agency.
bool CanSeeCoverage(const accounts::Actor& a, int64_t council_id, int64_t agency_id,
                    const std::vector<int64_t>& co_signer_agencies);
// Sees the charts: council readers all of them; agency staff their own agency's (agency_id given).
bool CanSeeStats(const accounts::Actor& a, int64_t council_id, std::optional<int64_t> agency_id);

// The items a search may return: every item (both nullopt) for system admins; else the items of the
// councils where the actor holds a council role, and the items mentioning the agencies where it holds an
// agency role.
struct ItemScope {
  std::optional<std::vector<int64_t>> councils, agencies;
};
ItemScope SearchScope(const accounts::Actor& a);
// The councils whose sources the actor lists: every council (nullopt) for system admins, else those
// where it holds any role.
std::optional<std::vector<int64_t>> SourceCouncils(const accounts::Actor& a);

}  // namespace pol::monitor
