#include "messenger/messenger_policy.h"

namespace pol::messenger {

// The people who manage the owner's distribution channels manage its bots.
bool CanManageBots(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id) {
  return actor.IsSystemAdmin() || actor.principal->CanManageChannels(council_id, agency_id);
}

// Members of a council see it (and its agencies) as possible owners.
bool CanSeeOwner(const accounts::Actor& actor, int64_t council_id) {
  return actor.IsSystemAdmin() || actor.principal->CanReadCouncil(council_id);
}

// A token goes wherever the base URL says: only system admins choose another host.
bool CanUseUnofficialBotHost(const accounts::Actor& actor) { return actor.IsSystemAdmin(); }

// System admins list everything; others the councils and agencies they manage.
BotScope ManageableBots(const accounts::Actor& actor) {
  BotScope s;
  if (actor.IsSystemAdmin()) return s;
  s.councils = actor.principal->ManagedCouncils().value_or(std::vector<int64_t>());
  s.agencies = actor.principal->ManagedAgencies();
  s.none = s.councils->empty() && s.agencies->empty();
  return s;
}

}  // namespace pol::messenger
