// Migration 64: monitoring alerts delivered through distribution (issue 16 §2; src/distribution/
// alert_delivery.cc).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// alert_deliveries: one row per fired alert (event_key: "<rule id>:<the alert event's dedup key>:<agency>"),
// channel and recipient — an e-mail to a PR manager (user_id, recipient = the address) through the
// agency's (else the council's) e-mail channel's SMTP, or the agency's alert chat (recipient ''). The
// message is kept in the row (subject, body, the item's title, outlet and link) so a retry sends the same
// words; the unique key keeps an alert from being delivered twice to one recipient.
const char* const kV64AlertDelivery = R"SQL(
CREATE TABLE alert_deliveries (
  id ${ID},
  event_key TEXT NOT NULL,
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  channel_id ${INT64} NOT NULL REFERENCES channels(id),
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
  UNIQUE (event_key, channel_id, recipient)
);
CREATE INDEX alert_deliveries_agency ON alert_deliveries(agency_id, created_at);
)SQL";

}  // namespace pol::store::schema
