// Migration 37: a committee's senders (issue 13 §3, docs/committee.md "Senders"): the distribution e-mail
// channel (its SMTP server and From address) and the SMS sender line its invitations, reminders and
// escalations use instead of the council's defaults (no row, or NULL / '': the defaults).
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV37CommitteeSenders = R"SQL(
CREATE TABLE committee_senders (
  committee_id ${INT64} PRIMARY KEY REFERENCES committees(id),
  mail_channel_id ${INT64} REFERENCES channels(id),
  sms_sender TEXT NOT NULL DEFAULT '',
  version ${INT64} NOT NULL DEFAULT 1,
  updated_at ${INT64} NOT NULL
);
)SQL";

}  // namespace pol::store::schema
