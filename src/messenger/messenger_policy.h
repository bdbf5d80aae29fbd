// Who may do what with the messenger bots: the one file of src/messenger that reads roles.
//
// Rules (accounts/roles.h holds the role primitives; these functions are their only callers here):
//  * A council's bot (agency_id empty) and its agencies' bots are managed (created, edited, tested,
//    listed) by the council's admins; an agency's bot also by that agency's PR manager; system admins
//    manage all. Out of scope answers 404.
//  * Only a system admin may point a bot at a host other than its messenger's official one.
//  * A bot may reuse a distribution channel's token only for someone who manages that channel too.
//  * A staff member links their own chat with the bots of the councils they hold a role in.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "accounts/actor.h"

namespace pol::messenger {

// Manage the bots of this council / agency.
bool CanManageBots(const accounts::Actor& actor, int64_t council_id, std::optional<int64_t> agency_id);

// Name this council (or one of its agencies) as a new bot's owner: otherwise the owner answers as unknown
// (404); a person who may see the owner but not manage its bots gets 403.
bool CanSeeOwner(const accounts::Actor& actor, int64_t council_id);

// Link one's own chat with a bot of this council or of one of its agencies (staff chats): anyone holding a
// role in the council or one of its agencies, system admins with any bot. Never the system itself.
bool CanLinkStaffChat(const accounts::Actor& actor, int64_t council_id);

// Point a bot at a host other than the official one.
bool CanUseUnofficialBotHost(const accounts::Actor& actor);

// The scopes whose bots a person may list: nullopt lists = everything; `none` = nothing.
struct BotScope {
  std::optional<std::vector<int64_t>> councils, agencies;
  bool none = false;
};
BotScope ManageableBots(const accounts::Actor& actor);

}  // namespace pol::messenger
