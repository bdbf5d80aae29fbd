// Migration 40: messenger bots (issue 15).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Inbound bots (Telegram, Bale; src/messenger): per bot its owner (a council, or an agency of it), the
// sealed token (libsodium secretbox under distribution's key; token_hint is the masked form shown back),
// polling or webhook, the welcome text and the long-polling offset, advanced in the transaction that
// stores an update's effect. messenger_chats holds each chat's conversation state (JSON);
// messenger_updates the update ids handled (idempotency for webhook retries and restarts);
// messenger_links which chat a citizen request came from (personal data: exported and erased with the
// request's mobile). citizen_requests.channel names the channel a request came in by.
const char* const kV40Messenger = R"SQL(
CREATE TABLE messenger_bots (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  base_url TEXT NOT NULL DEFAULT '',
  token TEXT NOT NULL DEFAULT '',
  token_hint TEXT NOT NULL DEFAULT '',
  mode TEXT NOT NULL DEFAULT 'polling',
  webhook_secret TEXT NOT NULL DEFAULT '',
  welcome TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  poll_offset ${INT64} NOT NULL DEFAULT 0,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX messenger_bots_scope ON messenger_bots(council_id, agency_id);

CREATE TABLE messenger_chats (
  bot_id ${INT64} NOT NULL REFERENCES messenger_bots(id),
  chat_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'idle',
  data TEXT NOT NULL DEFAULT '{}',
  blocked INTEGER NOT NULL DEFAULT 0,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  PRIMARY KEY (bot_id, chat_id)
);

CREATE TABLE messenger_updates (
  bot_id ${INT64} NOT NULL REFERENCES messenger_bots(id),
  update_id ${INT64} NOT NULL,
  handled_at ${INT64} NOT NULL,
  PRIMARY KEY (bot_id, update_id)
);

CREATE TABLE messenger_links (
  request_id ${INT64} PRIMARY KEY REFERENCES citizen_requests(id),
  bot_id ${INT64} NOT NULL REFERENCES messenger_bots(id),
  chat_id TEXT NOT NULL,
  created_at ${INT64} NOT NULL
);
CREATE INDEX messenger_links_chat ON messenger_links(bot_id, chat_id);

ALTER TABLE citizen_requests ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
)SQL";

}  // namespace pol::store::schema
