// Migrations of the text core (issue 18): the search indexes rebuilt when the terms change.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Version 60: hamza forms fold alike (هیئت/هیأت, مسئول/مسؤول) and known compounds give one term
// however they are written (مدیرکل, مدیر‌کل, مدیر کل), so every full-text index is rebuilt from its
// table with the new terms (like version 9).
const char* const kV60ReindexFoldingSqlite = R"SQL(
INSERT INTO releases_fts(releases_fts) VALUES ('rebuild');
INSERT INTO media_items_fts(media_items_fts) VALUES ('rebuild');
)SQL";

}  // namespace pol::store::schema
