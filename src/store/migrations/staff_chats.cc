// Migration 36: staff members' messenger chats (issue 13 §3, docs/messenger.md "Staff chats"). A staff user
// takes a one-time code in the console (staff_link_codes: only its SHA-256 is kept, one live code per
// user, 15 minutes) and sends it to one of the council's bots (`/start CODE`); the chat is then linked to
// the user (staff_chats: one user per chat of a bot, one chat per user and bot), and the committee's
// invitations and reminders also go there. bot_id names messenger_bots (migration 40, later in the list:
// no foreign key to it here).
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV36StaffChats = R"SQL(
CREATE TABLE staff_link_codes (
  code_hash TEXT PRIMARY KEY,
  user_id ${INT64} NOT NULL REFERENCES users(id),
  expires_at ${INT64} NOT NULL,
  created_at ${INT64} NOT NULL
);
CREATE INDEX staff_link_codes_user ON staff_link_codes(user_id);

CREATE TABLE staff_chats (
  id ${ID},
  user_id ${INT64} NOT NULL REFERENCES users(id),
  bot_id ${INT64} NOT NULL,
  chat_id TEXT NOT NULL,
  created_at ${INT64} NOT NULL,
  UNIQUE (bot_id, chat_id)
);
CREATE INDEX staff_chats_user ON staff_chats(user_id);
)SQL";

}  // namespace pol::store::schema
