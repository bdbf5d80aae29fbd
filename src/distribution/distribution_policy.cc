#include "distribution/distribution_policy.h"

#include <algorithm>

namespace pol::distribution {

bool CanManageChannels(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id) {
  return actor.IsSystemAdmin() || actor.principal->CanManageChannels(council_id, agency_id);
}

bool CanChooseOwner(const accounts::Actor& actor, int64_t council_id) {
  return actor.IsSystemAdmin() || actor.principal->CanReadCouncil(council_id);
}

bool CanUseUnofficialMessengerHost(const accounts::Actor& actor) { return actor.IsSystemAdmin(); }

bool CanSeePressContacts(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id) {
  return CanManageChannels(actor, council_id, agency_id);
}

bool CanRetryOrCancelDelivery(const accounts::Actor& actor, int64_t council_id,
                              std::optional<int64_t> agency_id) {
  return CanManageChannels(actor, council_id, agency_id);
}

ManageScope ManageableScope(const accounts::Actor& actor) {
  ManageScope s;
  if (actor.IsSystemAdmin()) return s;
  s.councils = actor.principal->ManagedCouncils().value_or(std::vector<int64_t>());
  s.agencies = actor.principal->ManagedAgencies();
  s.none = s.councils->empty() && s.agencies->empty();
  return s;
}

bool ManageScope::Covers(int64_t council_id, std::optional<int64_t> agency_id) const {
  if (none) return false;
  if (!councils && !agencies) return true;
  const auto has = [](const std::optional<std::vector<int64_t>>& list, int64_t v) {
    return list && std::find(list->begin(), list->end(), v) != list->end();
  };
  return has(councils, council_id) || (agency_id && has(agencies, *agency_id));
}

}  // namespace pol::distribution
