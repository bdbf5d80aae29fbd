// For tests only: a fresh PostgreSQL database per test on the test-run cluster (scripts/pg-test-cluster.sh,
// the CTest fixture "pg_cluster", which exports its admin URL as POL_TEST_PG_URL).
//
// Thread-safety: thread-safe.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"

namespace pol::store {

// POL_TEST_PG_URL, when set and not empty.
std::optional<std::string> TestPostgresAdminUrl();

// The URL of the database `key` names on the cluster of `admin_url`. The first call for a key in this
// process drops and creates the database (a fresh, empty one); later calls reuse it, so a test may close
// and reopen its database.
StatusOr<std::string> TestPostgresDatabase(const std::string& admin_url, const std::string& key);

// `url` with its database name replaced by `name`.
std::string PostgresUrlWithDatabase(const std::string& url, const std::string& name);

}  // namespace pol::store
