// SQL for the messenger bots (src/messenger): bot configuration (sealed token), the per-chat conversation
// state, the handled update ids, and the links between citizen requests and the chats they came from.
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

struct MessengerBot {
  int64_t id = 0, council_id = 0;
  std::optional<int64_t> agency_id;  // nullopt: the council's bot
  std::string kind;                  // telegram, bale
  std::string name, base_url;        // base_url "" = the official host
  std::string token, token_hint;     // token sealed (distribution::SecretBox)
  std::string mode = "polling";      // polling, webhook
  std::string webhook_secret;        // sealed
  std::string welcome;
  bool enabled = true;
  int64_t poll_offset = 0;  // the next getUpdates offset
  int64_t version = 1, created_at = 0, updated_at = 0;
};

StatusOr<int64_t> InsertMessengerBot(Conn& c, const MessengerBot& b);
// NotFound when missing.
StatusOr<MessengerBot> GetMessengerBot(Conn& c, int64_t id);
// Optimistic: VersionConflict when b.version is stale. Leaves poll_offset alone.
Status UpdateMessengerBot(Conn& c, const MessengerBot& b, int64_t now);
// Bots in scope (nullopt lists = all; an empty list matches nothing), newest first.
StatusOr<std::vector<MessengerBot>> ListMessengerBots(Conn& c,
                                                      const std::optional<std::vector<int64_t>>& councils,
                                                      const std::optional<std::vector<int64_t>>& agencies);
// Enabled bots in polling mode.
StatusOr<std::vector<MessengerBot>> ListPollingBots(Conn& c);
// Sets the stored getUpdates offset when it advances (never moves it back).
Status AdvancePollOffset(Conn& c, int64_t bot_id, int64_t offset);

struct MessengerChat {
  int64_t bot_id = 0;
  std::string chat_id;
  std::string state = "idle";
  std::string data = "{}";
  bool blocked = false;
  int64_t created_at = 0, updated_at = 0;
};

StatusOr<std::optional<MessengerChat>> GetMessengerChat(Conn& c, int64_t bot_id, const std::string& chat_id);
Status SaveMessengerChat(Conn& c, const MessengerChat& chat);
Status SetMessengerChatBlocked(Conn& c, int64_t bot_id, const std::string& chat_id, bool blocked,
                               int64_t now);

// Records update `update_id` of the bot as handled; false when it was handled before.
StatusOr<bool> MarkUpdateHandled(Conn& c, int64_t bot_id, int64_t update_id, int64_t now);
// Whether update `update_id` of the bot was handled (MarkUpdateHandled committed).
StatusOr<bool> IsUpdateHandled(Conn& c, int64_t bot_id, int64_t update_id);

struct MessengerLink {
  int64_t request_id = 0, bot_id = 0;
  std::string chat_id;
  int64_t created_at = 0;
};
Status InsertMessengerLink(Conn& c, const MessengerLink& l);
StatusOr<std::optional<MessengerLink>> GetMessengerLink(Conn& c, int64_t request_id);
// Privacy: the links of these requests (export) and their removal (erasure); returns rows removed.
// The council's chats whose stored conversation state holds this mobile ("mobile":"09…" in `data`).
StatusOr<std::vector<MessengerChat>> ChatsHoldingMobile(Conn& c, int64_t council_id,
                                                        const std::string& mobile);
StatusOr<std::vector<MessengerLink>> LinksOfRequests(Conn& c, const std::vector<int64_t>& request_ids);
StatusOr<int64_t> DeleteLinksOfRequests(Conn& c, const std::vector<int64_t>& request_ids);

}  // namespace pol::store
