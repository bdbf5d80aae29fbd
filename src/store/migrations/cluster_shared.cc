// Migrations 71 and 72 (issue 14, "nothing node-local that must be shared"):
//   71  the citizens' throttles counted in the database, so they hold across nodes
//       (store/throttle_repo.h): one row per counted event (`rate_events`, a sliding window per key,
//       pruned by a once-per-cluster task), and the single-use challenge tokens already spent
//       (`spent_tokens`, kept until they expire).
//   72  versions of the models every node loads (store/model_version_repo.h): a node reloads a model
//       when its row's version differs from the one it loaded.
#include "store/migrations/cluster.h"

namespace pol::store::schema {

const char* const kV71SharedThrottles = R"SQL(
CREATE TABLE rate_events (
  id ${ID},
  counter_key TEXT NOT NULL,
  at ${INT64} NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events(counter_key, at);
CREATE INDEX rate_events_at ON rate_events(at);
CREATE TABLE spent_tokens (
  token TEXT PRIMARY KEY,
  expires_at ${INT64} NOT NULL
);
CREATE INDEX spent_tokens_expires_at ON spent_tokens(expires_at);
)SQL";

const char* const kV72ModelVersions = R"SQL(
CREATE TABLE model_versions (
  name TEXT PRIMARY KEY,
  version ${INT64} NOT NULL
);
)SQL";

}  // namespace pol::store::schema
