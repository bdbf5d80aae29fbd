// Migrations 5 and 62: distribution.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Distribution (issue 5): channels (messenger bots, e-mail over SMTP to a press list, webhooks) of an agency
// or of the council, press lists and their contacts, and one delivery row per (release, channel, recipient)
// — the outbox state the console shows. Channel secrets are stored encrypted (libsodium secretbox; the key
// is a file in the data folder, never in the database); secret_hint is the masked form shown back.
const char* const kV5Distribution = R"SQL(
CREATE TABLE channels (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  secret TEXT NOT NULL DEFAULT '',
  secret_hint TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX channels_scope ON channels(council_id, agency_id);

CREATE TABLE press_lists (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  name TEXT NOT NULL,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX press_lists_scope ON press_lists(council_id, agency_id);

CREATE TABLE press_contacts (
  id ${ID},
  list_id ${INT64} NOT NULL REFERENCES press_lists(id) ON DELETE CASCADE,
  outlet TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  beats TEXT NOT NULL DEFAULT '',
  unsubscribe_token TEXT NOT NULL UNIQUE,
  unsubscribed_at ${INT64},
  created_at ${INT64} NOT NULL,
  UNIQUE (list_id, email)
);

CREATE TABLE deliveries (
  id ${ID},
  release_id ${INT64} NOT NULL REFERENCES releases(id),
  channel_id ${INT64} NOT NULL REFERENCES channels(id),
  contact_id ${INT64} REFERENCES press_contacts(id),
  recipient TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued',
  attempts ${INT64} NOT NULL DEFAULT 0,
  max_attempts ${INT64} NOT NULL DEFAULT 8,
  next_at ${INT64} NOT NULL,
  message_id TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  error_code TEXT NOT NULL DEFAULT '',
  error_fa TEXT NOT NULL DEFAULT '',
  error_detail TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  sending_at ${INT64},
  sent_at ${INT64},
  UNIQUE (release_id, channel_id, recipient)
);
CREATE INDEX deliveries_release ON deliveries(release_id, channel_id);
)SQL";

// Migration 62 (issue 16): the distribution screen lists every failed delivery of the channels a person
// manages, newest failure first; without this index that is a scan of every delivery ever made.
const char* const kV62FailedDeliveries = R"SQL(
CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries(state, updated_at);
)SQL";

}  // namespace pol::store::schema
