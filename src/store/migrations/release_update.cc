// Migration 65: corrections and withdrawals re-announced through distribution (issue 16 §2;
// src/distribution/release_update.cc).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// release_updates: one row per correction or withdrawal of a release (event 'corrected' | 'withdrawn', at
// event_at) and per delivery it re-announces — the sent delivery (delivery_id) whose message a messenger
// edits or deletes, a press contact who gets the correction e-mail, a webhook called with the event — with
// its own state, attempts and error, as deliveries have.
const char* const kV65ReleaseUpdate = R"SQL(
CREATE TABLE release_updates (
  id ${ID},
  release_id ${INT64} NOT NULL REFERENCES releases(id),
  event TEXT NOT NULL,
  event_at ${INT64} NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  delivery_id ${INT64} NOT NULL REFERENCES deliveries(id),
  channel_id ${INT64} NOT NULL REFERENCES channels(id),
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
  UNIQUE (release_id, event, event_at, delivery_id)
);
CREATE INDEX release_updates_release ON release_updates(release_id, event_at);
)SQL";

}  // namespace pol::store::schema
