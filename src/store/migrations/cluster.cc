// Migration 70: named leases (store/lease_repo.h) — the leader lease that guards once-per-cluster periodic
// work, and any other "one holder at a time, until it expires" claim; the cluster's shared secrets (keys
// every node must agree on, e.g. the citizens' portal's HMAC key). Plus the index the job reaper and
// expired-lease claims scan (jobs leased past their lease_until).
#include "store/migrations/cluster.h"

namespace pol::store::schema {

const char* const kV70Leases = R"SQL(
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at ${INT64} NOT NULL,
  acquired_at ${INT64} NOT NULL,
  renewed_at ${INT64} NOT NULL
);
CREATE TABLE cluster_secrets (
  name TEXT PRIMARY KEY,
  value ${BLOB} NOT NULL,
  created_at ${INT64} NOT NULL
);
CREATE INDEX jobs_lease_until ON jobs(state, lease_until);
)SQL";

}  // namespace pol::store::schema
