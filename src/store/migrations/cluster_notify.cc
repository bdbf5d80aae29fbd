// Migration 73 (PostgreSQL only): what other nodes hold in memory tells them when it changes, through
// NOTIFY (delivered when the changing transaction commits; store/notifications.h). Triggers, so every
// writer — the API, `pol user`, a later repository — notifies without remembering to:
//   pol_sessions  payload: a user id — the user was changed (disabled, password, profile), gained or lost
//                 a role, or lost a session (logout, logout everywhere, expiry): every node drops that
//                 user's cached sessions (accounts/sessions.h) at once instead of after its cache TTL.
//   pol_models    payload: a model's name (store/model_version_repo.h) — its version was bumped: every
//                 node runs that model's reload task now (jobs/model_reload.h) instead of at its next poll.
// Only ever a wake-up: the session cache's TTL and the model versions' polling stay as the fallback for a
// notification lost while a node's listener reconnects.
#include "store/migrations/cluster.h"

namespace pol::store::schema {

const char* const kV73ClusterNotifyPostgres = R"SQL(
CREATE OR REPLACE FUNCTION pol_notify_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  uid bigint;
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    uid := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    uid := OLD.user_id;
  ELSE
    uid := NEW.user_id;
  END IF;
  PERFORM pg_notify('pol_sessions', uid::text);
  RETURN NULL;
END
$$;
CREATE TRIGGER users_notify_sessions AFTER UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION pol_notify_sessions();
CREATE TRIGGER user_roles_notify_sessions AFTER INSERT OR UPDATE OR DELETE ON user_roles
  FOR EACH ROW EXECUTE FUNCTION pol_notify_sessions();
CREATE TRIGGER sessions_notify_sessions AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION pol_notify_sessions();

CREATE OR REPLACE FUNCTION pol_notify_models() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('pol_models', NEW.name);
  RETURN NULL;
END
$$;
CREATE TRIGGER model_versions_notify AFTER INSERT OR UPDATE ON model_versions
  FOR EACH ROW EXECUTE FUNCTION pol_notify_models();
)SQL";

}  // namespace pol::store::schema
