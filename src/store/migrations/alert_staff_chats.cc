// Migrations 68 (SQLite) and 69 (PostgreSQL): monitoring alerts also go to each PR manager's own linked
// chat (issue 16 §2; src/distribution/alert_delivery.cc). Such a row has no distribution channel: it names
// the messenger bot (bot_id) and the chat (chat_id) the staff member linked (migration 36), copied when the
// alert fires so a retry goes where the first attempt went; and the item's tone, said in every message.
// channel_id becomes nullable; the unique index over the whole target keeps an alert from reaching one chat
// twice.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// SQLite cannot drop a NOT NULL: the table is rebuilt with its rows (ids kept, so queued jobs still find
// them) and the new columns.
const char* const kV68AlertStaffChatsSqlite = R"SQL(
CREATE TABLE alert_deliveries_v68 (
  id ${ID},
  event_key TEXT NOT NULL,
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  channel_id ${INT64} REFERENCES channels(id),
  user_id ${INT64} REFERENCES users(id),
  recipient TEXT NOT NULL DEFAULT '',
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  item_title TEXT NOT NULL DEFAULT '',
  outlet TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued',
  attempts ${INT64} NOT NULL DEFAULT 0,
  message_id TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  error_code TEXT NOT NULL DEFAULT '',
  error_fa TEXT NOT NULL DEFAULT '',
  error_detail TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  sent_at ${INT64},
  bot_id ${INT64} REFERENCES messenger_bots(id),
  chat_id TEXT NOT NULL DEFAULT '',
  tone TEXT NOT NULL DEFAULT ''
);
INSERT INTO alert_deliveries_v68(id, event_key, council_id, agency_id, channel_id, user_id, recipient, subject,
  body, item_title, outlet, link, state, attempts, message_id, url, error_code, error_fa, error_detail,
  created_at, updated_at, sent_at)
SELECT id, event_key, council_id, agency_id, channel_id, user_id, recipient, subject, body, item_title, outlet,
  link, state, attempts, message_id, url, error_code, error_fa, error_detail, created_at, updated_at, sent_at
FROM alert_deliveries;
DROP TABLE alert_deliveries;
ALTER TABLE alert_deliveries_v68 RENAME TO alert_deliveries;
CREATE INDEX alert_deliveries_agency ON alert_deliveries(agency_id, created_at);
CREATE UNIQUE INDEX alert_deliveries_target
  ON alert_deliveries(event_key, COALESCE(channel_id, 0), recipient, COALESCE(bot_id, 0), chat_id);
CREATE INDEX alert_deliveries_state ON alert_deliveries(state, updated_at);
)SQL";

const char* const kV69AlertStaffChatsPostgres = R"SQL(
ALTER TABLE alert_deliveries ALTER COLUMN channel_id DROP NOT NULL;
ALTER TABLE alert_deliveries ADD COLUMN bot_id ${INT64} REFERENCES messenger_bots(id);
ALTER TABLE alert_deliveries ADD COLUMN chat_id TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_deliveries ADD COLUMN tone TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX alert_deliveries_target
  ON alert_deliveries(event_key, COALESCE(channel_id, 0), recipient, COALESCE(bot_id, 0), chat_id);
CREATE INDEX alert_deliveries_state ON alert_deliveries(state, updated_at);
)SQL";

}  // namespace pol::store::schema
