// Migration 1: councils, agencies, users, sessions, the audit log and the job queue.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Times are unix milliseconds (${INT64}; ids and counters too, REALs are ${DOUBLE}). `version` columns carry optimistic
// concurrency: every update is `... WHERE id = ? AND version = ?` and bumps it.
const char* const kV1Foundation = R"SQL(
CREATE TABLE councils (
  id ${ID},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  province TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);

CREATE TABLE agencies (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  pr_email TEXT NOT NULL DEFAULT '',
  pr_phone TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  UNIQUE (council_id, slug)
);

CREATE TABLE users (
  id ${ID},
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  mobile TEXT UNIQUE,
  email TEXT UNIQUE,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_logins ${INT64} NOT NULL DEFAULT 0,
  locked_until ${INT64} NOT NULL DEFAULT 0,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  last_login_at ${INT64}
);

CREATE TABLE user_roles (
  id ${ID},
  user_id ${INT64} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  council_id ${INT64} REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id)
);
CREATE INDEX user_roles_user ON user_roles(user_id);
CREATE INDEX user_roles_agency ON user_roles(agency_id);
CREATE INDEX user_roles_council ON user_roles(council_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id ${INT64} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at ${INT64} NOT NULL,
  last_seen_at ${INT64} NOT NULL,
  expires_at ${INT64} NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id ${ID},
  at ${INT64} NOT NULL,
  actor_id ${INT64},
  actor_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  council_id ${INT64},
  agency_id ${INT64},
  ip TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_council ON audit_log(council_id, at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, at);

CREATE TABLE jobs (
  id ${ID},
  queue TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '{}',
  dedup_key TEXT UNIQUE,
  state TEXT NOT NULL DEFAULT 'ready',
  run_at ${INT64} NOT NULL,
  attempts ${INT64} NOT NULL DEFAULT 0,
  max_attempts ${INT64} NOT NULL DEFAULT 8,
  lease_owner TEXT,
  lease_until ${INT64},
  last_error TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX jobs_ready ON jobs(queue, state, run_at);
)SQL";

}  // namespace pol::store::schema
