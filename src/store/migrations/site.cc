// Migration 50: the public site's page cache.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// The site's page cache (site/page_cache.h) asks for the newest release change on every public page
// view: an index makes MAX(updated_at) one lookup instead of a scan of every release.
const char* const kV50SiteCacheIndex = R"SQL(
CREATE INDEX IF NOT EXISTS releases_updated ON releases(updated_at);
)SQL";

}  // namespace pol::store::schema
