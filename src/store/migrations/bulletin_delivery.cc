// Migration 63: the press bulletin delivered through distribution (issue 12 §4; src/distribution/
// bulletin_delivery.cc).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// bulletin_recipients: the channels a council's scheduled bulletin of a period ('day' or 'week') goes to —
// e-mail channels (their press list), Bale/Telegram/Eitaa channels (the PDF as a document).
// bulletin_deliveries: one row per archived bulletin, channel and recipient (an e-mail channel has one per
// press contact, a messenger channel one with recipient ''): its state (queued, sending, sent, failed,
// cancelled), attempts, the channel's message id and link, the error (code, Persian, detail).
const char* const kV63BulletinDelivery = R"SQL(
CREATE TABLE bulletin_recipients (
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  period TEXT NOT NULL,
  channel_id ${INT64} NOT NULL REFERENCES channels(id),
  PRIMARY KEY (council_id, period, channel_id)
);
CREATE TABLE bulletin_deliveries (
  id ${ID},
  archive_id ${INT64} NOT NULL REFERENCES bulletin_archive(id),
  channel_id ${INT64} NOT NULL REFERENCES channels(id),
  contact_id ${INT64} REFERENCES press_contacts(id),
  recipient TEXT NOT NULL DEFAULT '',
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
  UNIQUE (archive_id, channel_id, recipient)
);
CREATE INDEX bulletin_deliveries_archive ON bulletin_deliveries(archive_id, channel_id);
)SQL";

}  // namespace pol::store::schema
