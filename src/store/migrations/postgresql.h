// PostgreSQL's own migrations (only_backend "postgresql"): the variants of SQLite's full-text search
// migrations 4, 9 and 11 (postgresql_impl/pg_search.h explains the index).
#pragma once

namespace pol::store::schema {

extern const char* const kV12ReleaseSearchPostgres;
extern const char* const kV13MonitoringSearchPostgres;

}  // namespace pol::store::schema
