// Migrations 12 and 13: full-text search on PostgreSQL, in place of SQLite's FTS5 (migrations 4, 9, 11).
// Each searchable table gains its tsvector (search_vec, GIN-indexed) and a flag (search_stale) that new
// rows start with and a trigger sets when the text columns change; the store recomputes flagged rows'
// terms with the text core before each write commits (postgresql_impl/pg_search.h). Existing rows start
// flagged, so the first write after the migration indexes them.
#include "store/migrations/postgresql.h"

namespace pol::store::schema {

const char* const kV12ReleaseSearchPostgres = R"SQL(
CREATE OR REPLACE FUNCTION pol_search_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_stale := true;
  RETURN NEW;
END
$$;
ALTER TABLE releases ADD COLUMN search_vec tsvector NOT NULL DEFAULT ''::tsvector;
ALTER TABLE releases ADD COLUMN search_stale BOOLEAN NOT NULL DEFAULT true;
CREATE INDEX releases_search ON releases USING GIN (search_vec);
CREATE INDEX releases_search_stale ON releases (id) WHERE search_stale;
CREATE TRIGGER releases_search_stale BEFORE UPDATE OF over_title, title, lead, body_text ON releases
  FOR EACH ROW EXECUTE FUNCTION pol_search_stale();
)SQL";

const char* const kV13MonitoringSearchPostgres = R"SQL(
ALTER TABLE media_items ADD COLUMN search_vec tsvector NOT NULL DEFAULT ''::tsvector;
ALTER TABLE media_items ADD COLUMN search_stale BOOLEAN NOT NULL DEFAULT true;
CREATE INDEX media_items_search ON media_items USING GIN (search_vec);
CREATE INDEX media_items_search_stale ON media_items (id) WHERE search_stale;
CREATE TRIGGER media_items_search_stale BEFORE UPDATE OF title, lead, body ON media_items
  FOR EACH ROW EXECUTE FUNCTION pol_search_stale();
)SQL";

}  // namespace pol::store::schema
