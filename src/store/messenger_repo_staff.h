// SQL of staff members' messenger chats (migration 36; messenger/staff_chats.h): the one-time link codes
// (kept as SHA-256 hex) and the chats linked to users, through which the committee's notices also go.
//
// Thread-safety: free functions over a Conn (one transaction's connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/db.h"

namespace pol::store {

// Replaces the user's link codes with this one (one live code per user).
Status ReplaceStaffLinkCode(Conn& c, int64_t user_id, const std::string& code_hash, int64_t expires_at,
                            int64_t now);
// Takes (deletes) the code: its user when it was live at `now`, nullopt when unknown or expired.
StatusOr<std::optional<int64_t>> TakeStaffLinkCode(Conn& c, const std::string& code_hash, int64_t now);

struct StaffChat {
  int64_t id = 0, user_id = 0, bot_id = 0;
  std::string chat_id;
  int64_t created_at = 0;
  // From the bot (read only).
  int64_t council_id = 0;
  std::string bot_kind, bot_name;
  bool bot_enabled = false;
  bool blocked = false;  // the user blocked the bot in that chat (messenger_chats.blocked)
};

// Links the chat of the bot to the user: the chat's earlier owner and the user's earlier chat on this bot
// are unlinked. Returns the link's id.
StatusOr<int64_t> LinkStaffChat(Conn& c, int64_t user_id, int64_t bot_id, const std::string& chat_id,
                                int64_t now);
// The user's linked chats, newest first.
StatusOr<std::vector<StaffChat>> ListStaffChats(Conn& c, int64_t user_id);
StatusOr<std::optional<StaffChat>> GetStaffChat(Conn& c, int64_t id);
Status DeleteStaffChat(Conn& c, int64_t id);
// The chat a notice to the user about the council goes to: the newest linked chat on an enabled bot of
// the council (or of one of its agencies) that is not blocked; nullopt when none.
StatusOr<std::optional<StaffChat>> StaffChatForCouncil(Conn& c, int64_t user_id, int64_t council_id);

}  // namespace pol::store
