#include "messenger/messenger_policy.h"

#include "distribution/distribution_policy.h"

namespace pol::messenger {

// The rules are distribution's (a bot is managed like the owner's channels): one place, no second copy.

// The people who manage the owner's distribution channels manage its bots.
bool CanManageBots(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id) {
  return distribution::CanManageChannels(actor, council_id, agency_id);
}

// Members of a council see it (and its agencies) as possible owners, as for a channel.
bool CanSeeOwner(const accounts::Actor& actor, int64_t council_id) {
  return distribution::CanChooseOwner(actor, council_id);
}

// A staff member's own chat, with a bot of a council they work in.
bool CanLinkStaffChat(const accounts::Actor& actor, int64_t council_id) {
  return !actor.IsSystem() && actor.principal->CanReadCouncil(council_id);
}

// A token goes wherever the base URL says: only system admins choose another host (as for channels).
bool CanUseUnofficialBotHost(const accounts::Actor& actor) {
  return distribution::CanUseUnofficialMessengerHost(actor);
}

// System admins list everything; others the councils and agencies whose channels they manage.
BotScope ManageableBots(const accounts::Actor& actor) {
  const distribution::ManageScope m = distribution::ManageableScope(actor);
  return BotScope{.councils = m.councils, .agencies = m.agencies, .none = m.none};
}

}  // namespace pol::messenger
