// Migration 7: media monitoring's tables (portable), and 11: their SQLite search index.
#include "store/migrations/schema.h"

namespace pol::store::schema {

// Media monitoring (issue 7): sources with their health, media items (the raw page kept gzip-compressed
// as evidence; deduplicated by canonical URL and, per outlet, by content fingerprint), other URLs of an
// item, watchlists and mentions, press pickups of releases, alert rules and their firings, saved
// searches, analysts' tone labels. Times are unix ms. Portable: the search index is migration 11.
const char* const kV7MonitoringTables = R"SQL(
CREATE TABLE monitor_sources (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'feed',
  outlet_type TEXT NOT NULL DEFAULT 'agency',
  tier TEXT NOT NULL DEFAULT 'national',
  reach_weight ${DOUBLE} NOT NULL DEFAULT 1,
  language TEXT NOT NULL DEFAULT 'fa',
  fetch_interval_s INTEGER NOT NULL DEFAULT 900,
  selectors TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  healthy INTEGER NOT NULL DEFAULT 1,
  last_fetch_at ${INT64},
  last_success_at ${INT64},
  last_error_at ${INT64},
  last_error TEXT NOT NULL DEFAULT '',
  items_total ${INT64} NOT NULL DEFAULT 0,
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL,
  UNIQUE (council_id, url)
);

CREATE TABLE media_items (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  source_id ${INT64} REFERENCES monitor_sources(id),
  outlet TEXT NOT NULL DEFAULT '',
  canonical_url TEXT NOT NULL,
  url TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  lead TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  images TEXT NOT NULL DEFAULT '[]',
  published_at ${INT64},
  fetched_at ${INT64} NOT NULL,
  raw_gz ${BLOB},
  tone TEXT NOT NULL DEFAULT 'neutral',
  tone_confidence ${DOUBLE} NOT NULL DEFAULT 0,
  tone_override TEXT,
  UNIQUE (council_id, canonical_url)
);
CREATE INDEX media_items_fingerprint ON media_items(council_id, outlet, fingerprint);
CREATE INDEX media_items_time ON media_items(council_id, published_at);
CREATE INDEX media_items_source ON media_items(source_id, fetched_at);

CREATE TABLE media_item_urls (
  council_id ${INT64} NOT NULL,
  url TEXT NOT NULL,
  item_id ${INT64} NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  PRIMARY KEY (council_id, url)
);

CREATE TABLE watch_terms (
  id ${ID},
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  kind TEXT NOT NULL DEFAULT 'name',
  term TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  UNIQUE (agency_id, term)
);

CREATE TABLE mentions (
  item_id ${INT64} NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  term_id ${INT64} NOT NULL,
  count ${INT64} NOT NULL DEFAULT 1,
  spans TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (item_id, agency_id, term_id)
);
CREATE INDEX mentions_agency ON mentions(agency_id, item_id);

CREATE TABLE pickups (
  release_id ${INT64} NOT NULL REFERENCES releases(id),
  item_id ${INT64} NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  containment ${DOUBLE} NOT NULL,
  kind TEXT NOT NULL,
  paragraphs TEXT NOT NULL DEFAULT '[]',
  found_at ${INT64} NOT NULL,
  PRIMARY KEY (release_id, item_id)
);
CREATE INDEX pickups_item ON pickups(item_id);

CREATE TABLE alert_rules (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  agency_id ${INT64} REFERENCES agencies(id),
  kind TEXT NOT NULL,
  threshold INTEGER NOT NULL DEFAULT 0,
  window_minutes INTEGER NOT NULL DEFAULT 60,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL
);

CREATE TABLE alert_events (
  id ${ID},
  rule_id ${INT64} NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  dedup_key TEXT NOT NULL,
  agency_id ${INT64},
  item_id ${INT64},
  message TEXT NOT NULL,
  created_at ${INT64} NOT NULL,
  UNIQUE (rule_id, dedup_key)
);

CREATE TABLE saved_searches (
  id ${ID},
  user_id ${INT64} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '{}',
  created_at ${INT64} NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches(user_id);

CREATE TABLE tone_labels (
  id ${ID},
  item_id ${INT64} REFERENCES media_items(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  user_id ${INT64},
  created_at ${INT64} NOT NULL
);
)SQL";

// Media item search for SQLite: FTS5 over title, lead and body with the text core's tokenizer, kept in
// step by triggers. Until issue 11 these statements were the tail of migration 7, so a database created
// before then already has them: `IF NOT EXISTS` makes this migration a no-op there (SQLite stores the
// statements without that clause), and a fresh database ends up with exactly the same schema. No
// 'rebuild': on a fresh database media_items is empty (migration 7 ran just before), and on an older one
// the index is already complete.
const char* const kV11MonitoringSearchSqlite = R"SQL(
CREATE VIRTUAL TABLE IF NOT EXISTS media_items_fts USING fts5(
  title, lead, body,
  content = 'media_items', content_rowid = 'id', tokenize = 'pol'
);
CREATE TRIGGER IF NOT EXISTS media_items_fts_ai AFTER INSERT ON media_items BEGIN
  INSERT INTO media_items_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;
CREATE TRIGGER IF NOT EXISTS media_items_fts_ad AFTER DELETE ON media_items BEGIN
  INSERT INTO media_items_fts(media_items_fts, rowid, title, lead, body)
  VALUES ('delete', old.id, old.title, old.lead, old.body);
END;
CREATE TRIGGER IF NOT EXISTS media_items_fts_au AFTER UPDATE OF title, lead, body ON media_items BEGIN
  INSERT INTO media_items_fts(media_items_fts, rowid, title, lead, body)
  VALUES ('delete', old.id, old.title, old.lead, old.body);
  INSERT INTO media_items_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;
)SQL";

// Migration 17 (issue 16 §2): the probe keys of each stored item (monitor::ItemProbeKeys: whole-text LSH
// band keys and sampled term-bigram anchors), so a release published late finds its earlier pickups by
// looking its own keys up instead of checking every item of the last two weeks.
const char* const kV17MonitoringItemProbes = R"SQL(
CREATE TABLE media_item_probes (
  item_id ${INT64} NOT NULL REFERENCES media_items(id),
  council_id ${INT64} NOT NULL,
  fetched_at ${INT64} NOT NULL,
  probe_key ${INT64} NOT NULL
);
CREATE INDEX media_item_probes_key ON media_item_probes(council_id, probe_key, fetched_at);
CREATE INDEX media_item_probes_item ON media_item_probes(item_id);
)SQL";

}  // namespace pol::store::schema
