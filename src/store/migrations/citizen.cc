// Migration 6: the two-way channel with citizens.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// The two-way channel with citizens (src/citizen): requests and their history,
// attachments, one-time codes, SLA targets, reply templates, routing rules and the
// routing model, and the LSH band keys of each request's text fingerprint.
const char* const kV6Citizen = R"SQL(
CREATE TABLE citizen_requests (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  tracking_code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  chosen_agency_id ${INT64} REFERENCES agencies(id),
  agency_id ${INT64} REFERENCES agencies(id),
  state TEXT NOT NULL,
  assignee_id ${INT64} REFERENCES users(id),
  name TEXT NOT NULL,
  mobile TEXT NOT NULL,
  national_code TEXT NOT NULL DEFAULT '',
  verified INTEGER NOT NULL DEFAULT 0,
  route_source TEXT NOT NULL DEFAULT '',
  route_confidence ${DOUBLE} NOT NULL DEFAULT 0,
  routed_at ${INT64},
  first_response_due ${INT64},
  resolve_due ${INT64},
  first_response_at ${INT64},
  closed_at ${INT64},
  outcome TEXT NOT NULL DEFAULT '',
  csat INTEGER,
  csat_comment TEXT NOT NULL DEFAULT '',
  rated_at ${INT64},
  reopen_count ${INT64} NOT NULL DEFAULT 0,
  duplicate_of ${INT64} REFERENCES citizen_requests(id),
  merged_into ${INT64} REFERENCES citizen_requests(id),
  escalation INTEGER NOT NULL DEFAULT 0,
  warned INTEGER NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '',
  training_label INTEGER NOT NULL DEFAULT 0,
  erased INTEGER NOT NULL DEFAULT 0,
  ip TEXT NOT NULL DEFAULT '',
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX citizen_requests_agency ON citizen_requests(agency_id, state, created_at);
CREATE INDEX citizen_requests_council ON citizen_requests(council_id, state, created_at);
CREATE INDEX citizen_requests_mobile ON citizen_requests(mobile);
CREATE INDEX citizen_requests_due ON citizen_requests(state, resolve_due);
CREATE INDEX citizen_requests_duplicate ON citizen_requests(duplicate_of);

CREATE TABLE citizen_request_bands (
  band_key ${INT64} NOT NULL,
  request_id ${INT64} NOT NULL REFERENCES citizen_requests(id),
  created_at ${INT64} NOT NULL
);
CREATE INDEX citizen_request_bands_key ON citizen_request_bands(band_key, created_at);

CREATE TABLE request_events (
  id ${ID},
  request_id ${INT64} NOT NULL REFERENCES citizen_requests(id),
  at ${INT64} NOT NULL,
  kind TEXT NOT NULL,
  actor_id ${INT64} REFERENCES users(id),
  actor_name TEXT NOT NULL DEFAULT '',
  agency_id ${INT64} REFERENCES agencies(id),
  public INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE citizen_attachments (
  id ${ID},
  request_id ${INT64} NOT NULL REFERENCES citizen_requests(id),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size ${INT64} NOT NULL,
  sha256 TEXT NOT NULL,
  created_at ${INT64} NOT NULL
);
CREATE INDEX citizen_attachments_request ON citizen_attachments(request_id);

CREATE TABLE citizen_otps (
  id ${ID},
  request_id ${INT64} NOT NULL REFERENCES citizen_requests(id),
  code_hash TEXT NOT NULL,
  attempts ${INT64} NOT NULL DEFAULT 0,
  expires_at ${INT64} NOT NULL,
  used_at ${INT64},
  created_at ${INT64} NOT NULL
);
CREATE INDEX citizen_otps_request ON citizen_otps(request_id, id);

CREATE TABLE sla_targets (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  type TEXT,
  first_response_minutes INTEGER NOT NULL,
  resolve_minutes INTEGER NOT NULL,
  created_at ${INT64} NOT NULL,
  UNIQUE (council_id, agency_id, type)
);

CREATE TABLE reply_templates (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at ${INT64} NOT NULL
);

CREATE TABLE routing_rules (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  keywords TEXT NOT NULL DEFAULT '',
  types TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0,
  created_by ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL
);

CREATE TABLE routing_model (
  council_id ${INT64} PRIMARY KEY REFERENCES councils(id),
  model TEXT NOT NULL,
  samples ${INT64} NOT NULL,
  held_out ${INT64} NOT NULL,
  accuracy ${DOUBLE} NOT NULL,
  trained_at ${INT64} NOT NULL
);
)SQL";

// Migration 15: the ledger of one-time codes sent, per mobile (not per request), for the daily cap per
// mobile, the resend back-off and the global hourly budget; and the budget's alerts to staff (kind
// 'budget_alert', mobile ''). Rows older than two days are pruned as new ones come; erasure deletes a
// mobile's rows.
const char* const kV15CitizenSmsLedger = R"SQL(
CREATE TABLE citizen_sms_sends (
  id ${ID},
  mobile TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at ${INT64} NOT NULL
);
CREATE INDEX citizen_sms_sends_mobile ON citizen_sms_sends(mobile, created_at);
CREATE INDEX citizen_sms_sends_kind ON citizen_sms_sends(kind, created_at);
)SQL";

}  // namespace pol::store::schema
