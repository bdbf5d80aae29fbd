#include "store/migrations.h"

namespace pol::store {

// Times are unix milliseconds (INTEGER). `version` columns carry optimistic
// concurrency: every update is `... WHERE id = ? AND version = ?` and bumps it.
static const char* const kV1Foundation = R"SQL(
CREATE TABLE councils (
  id ${ID},
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  province TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE agencies (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  website TEXT NOT NULL DEFAULT '',
  pr_email TEXT NOT NULL DEFAULT '',
  pr_phone TEXT NOT NULL DEFAULT '',
  disabled INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
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
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  last_login_at INTEGER
);

CREATE TABLE user_roles (
  id ${ID},
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  council_id INTEGER REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id)
);
CREATE INDEX user_roles_user ON user_roles(user_id);
CREATE INDEX user_roles_agency ON user_roles(agency_id);
CREATE INDEX user_roles_council ON user_roles(council_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE audit_log (
  id ${ID},
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  council_id INTEGER,
  agency_id INTEGER,
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
  run_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 8,
  lease_owner TEXT,
  lease_until INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX jobs_ready ON jobs(queue, state, run_at);
)SQL";

// The newsroom: releases with their workflow state, co-signing agencies,
// revisions (a JSON snapshot per save, for history and diffs), tags, the media
// library, the editorial calendar's occasions, and in-console notifications.
static const char* const kV2Newsroom = R"SQL(
CREATE TABLE releases (
  id ${ID},
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  council_id INTEGER NOT NULL REFERENCES councils(id),
  status TEXT NOT NULL DEFAULT 'draft',
  council_level INTEGER NOT NULL DEFAULT 0,
  council_approved_by INTEGER REFERENCES users(id),
  over_title TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL DEFAULT '',
  body_text TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  occasion_id INTEGER,
  urgency TEXT NOT NULL DEFAULT 'normal',
  source_line TEXT NOT NULL DEFAULT '',
  slug TEXT NOT NULL DEFAULT '',
  embargo_until INTEGER,
  publish_at INTEGER,
  published_at INTEGER,
  withdrawn_at INTEGER,
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  corrected_at INTEGER,
  correction_note TEXT NOT NULL DEFAULT '',
  return_comment TEXT NOT NULL DEFAULT '',
  author_id INTEGER REFERENCES users(id),
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX releases_agency ON releases(agency_id, status, updated_at);
CREATE INDEX releases_council ON releases(council_id, status, published_at);
CREATE INDEX releases_due ON releases(status, publish_at);

CREATE TABLE release_agencies (
  release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  signed_by INTEGER REFERENCES users(id),
  signed_at INTEGER,
  PRIMARY KEY (release_id, agency_id)
);

CREATE TABLE release_tags (
  release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (release_id, tag)
);
CREATE INDEX release_tags_tag ON release_tags(tag);

CREATE TABLE release_revisions (
  id ${ID},
  release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  rev INTEGER NOT NULL,
  action TEXT NOT NULL,
  author_id INTEGER REFERENCES users(id),
  author_name TEXT NOT NULL DEFAULT '',
  at INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  snapshot TEXT NOT NULL,
  UNIQUE (release_id, rev)
);

CREATE TABLE media (
  id ${ID},
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  uploaded_by INTEGER REFERENCES users(id),
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX media_agency ON media(agency_id, created_at);

CREATE TABLE release_media (
  release_id INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  media_id INTEGER NOT NULL REFERENCES media(id),
  position INTEGER NOT NULL DEFAULT 0,
  caption TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (release_id, media_id)
);

CREATE TABLE occasions (
  id ${ID},
  council_id INTEGER REFERENCES councils(id),
  name TEXT NOT NULL,
  calendar TEXT NOT NULL DEFAULT 'solar',
  month INTEGER NOT NULL,
  day INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE notifications (
  id ${ID},
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, created_at);
)SQL";

// Newsroom, part two: the workflow's approval columns, calendar indexes, and the
// ministry's occasions preloaded for every council (council_id NULL = shared).
// Each date below was checked against published sources; dates that could not be
// verified (e.g. a separate "national social security day") are left out.
static const char* const kV3NewsroomWorkflow = R"SQL(
ALTER TABLE releases ADD COLUMN approved_by INTEGER REFERENCES users(id);
ALTER TABLE releases ADD COLUMN approved_at INTEGER;
ALTER TABLE releases ADD COLUMN council_approved_at INTEGER;
ALTER TABLE releases ADD COLUMN submitted_at INTEGER;
CREATE INDEX releases_council_publish ON releases(council_id, publish_at);
CREATE INDEX occasions_council ON occasions(council_id, month, day);

-- 11 Ordibehesht = 1 May, International Workers' Day (official calendar: روز جهانی کار و کارگر).
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'روز جهانی کار و کارگر', 'solar', 2, 11, '۱ مه؛ آغاز برنامه‌های هفتهٔ کارگر.', 1, 0, 0);
-- 25 Tir: روز بهزیستی و تأمین اجتماعی in the official calendar (statements of governors and councils on
-- that day; e.g. khatam.gov.ir, babolsarshora.ir).
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'روز بهزیستی و تأمین اجتماعی', 'solar', 4, 25, 'هفتهٔ بهزیستی و تأمین اجتماعی.', 1, 0, 0);
-- 6 Mordad: روز ملی کارآفرینی و آموزش‌های فنی و حرفه‌ای, inside the skills week 3–9 Mordad (yjc.ir,
-- news of the Technical and Vocational Training Organization).
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'روز ملی کارآفرینی و آموزش‌های فنی و حرفه‌ای', 'solar', 5, 6, 'در هفتهٔ مهارت (۳ تا ۹ مرداد).', 1, 0, 0);
-- 13 Shahrivar: روز تعاون, the start of Iran's Cooperatives Week (the cooperative sector law was passed on
-- 13 Shahrivar 1370). The UN's International Day of Cooperatives (first Saturday of July) moves in the solar
-- calendar, so it is not a fixed occasion here.
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'روز تعاون (آغاز هفتهٔ تعاون)', 'solar', 6, 13, 'هفتهٔ تعاون: ۱۳ تا ۱۹ شهریور.', 1, 0, 0);
-- 12 Azar = 3 December, International Day of Persons with Disabilities (UN resolution 47/3).
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'روز جهانی افراد دارای معلولیت', 'solar', 9, 12, '۳ دسامبر.', 1, 0, 0);
-- 2 Bahman 1331: Mosaddegh's decree founding workers' social insurance, the root of today's social security
-- organization (anniversary noted by historians and the organization's retirees).
INSERT INTO occasions(council_id, name, calendar, month, day, description, version, created_at, updated_at)
VALUES (NULL, 'سالروز فرمان تأسیس بیمه‌های اجتماعی کارگران', 'solar', 11, 2, '۲ بهمن ۱۳۳۱.', 1, 0, 0);
)SQL";

// Release search for SQLite: an FTS5 index over the releases' text, kept in step
// by triggers, tokenized by the Persian text core ('pol', registered on every
// connection by sqlite3_impl/fts_pol_tokenizer.cc). SQLite only: another backend
// gets its own search migration.
static const char* const kV4ReleaseSearchSqlite = R"SQL(
CREATE VIRTUAL TABLE releases_fts USING fts5(
  over_title, title, lead, body_text,
  content = 'releases', content_rowid = 'id', tokenize = 'pol'
);
CREATE TRIGGER releases_fts_ai AFTER INSERT ON releases BEGIN
  INSERT INTO releases_fts(rowid, over_title, title, lead, body_text)
  VALUES (new.id, new.over_title, new.title, new.lead, new.body_text);
END;
CREATE TRIGGER releases_fts_ad AFTER DELETE ON releases BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, over_title, title, lead, body_text)
  VALUES ('delete', old.id, old.over_title, old.title, old.lead, old.body_text);
END;
CREATE TRIGGER releases_fts_au AFTER UPDATE OF over_title, title, lead, body_text ON releases BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, over_title, title, lead, body_text)
  VALUES ('delete', old.id, old.over_title, old.title, old.lead, old.body_text);
  INSERT INTO releases_fts(rowid, over_title, title, lead, body_text)
  VALUES (new.id, new.over_title, new.title, new.lead, new.body_text);
END;
INSERT INTO releases_fts(releases_fts) VALUES ('rebuild');
)SQL";

// Distribution (issue 5): channels (messenger bots, e-mail over SMTP to a press list, webhooks) of an agency
// or of the council, press lists and their contacts, and one delivery row per (release, channel, recipient)
// — the outbox state the console shows. Channel secrets are stored encrypted (libsodium secretbox; the key
// is a file in the data folder, never in the database); secret_hint is the masked form shown back.
static const char* const kV5Distribution = R"SQL(
CREATE TABLE channels (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  secret TEXT NOT NULL DEFAULT '',
  secret_hint TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX channels_scope ON channels(council_id, agency_id);

CREATE TABLE press_lists (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id),
  name TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX press_lists_scope ON press_lists(council_id, agency_id);

CREATE TABLE press_contacts (
  id ${ID},
  list_id INTEGER NOT NULL REFERENCES press_lists(id) ON DELETE CASCADE,
  outlet TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL,
  beats TEXT NOT NULL DEFAULT '',
  unsubscribe_token TEXT NOT NULL UNIQUE,
  unsubscribed_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (list_id, email)
);

CREATE TABLE deliveries (
  id ${ID},
  release_id INTEGER NOT NULL REFERENCES releases(id),
  channel_id INTEGER NOT NULL REFERENCES channels(id),
  contact_id INTEGER REFERENCES press_contacts(id),
  recipient TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued',
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 8,
  next_at INTEGER NOT NULL,
  message_id TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  error_code TEXT NOT NULL DEFAULT '',
  error_fa TEXT NOT NULL DEFAULT '',
  error_detail TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  sending_at INTEGER,
  sent_at INTEGER,
  UNIQUE (release_id, channel_id, recipient)
);
CREATE INDEX deliveries_release ON deliveries(release_id, channel_id);
)SQL";

// Media monitoring (issue 7): sources with their health, media items (the raw page kept gzip-compressed
// as evidence; deduplicated by canonical URL and, per outlet, by content fingerprint), other URLs of an
// item, watchlists and mentions, press pickups of releases, alert rules and their firings, saved
// searches, analysts' tone labels. Times are unix ms.
static const char* const kV7MonitoringTables = R"SQL(
CREATE TABLE monitor_sources (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  name TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL DEFAULT 'feed',
  outlet_type TEXT NOT NULL DEFAULT 'agency',
  tier TEXT NOT NULL DEFAULT 'national',
  reach_weight REAL NOT NULL DEFAULT 1,
  language TEXT NOT NULL DEFAULT 'fa',
  fetch_interval_s INTEGER NOT NULL DEFAULT 900,
  selectors TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  healthy INTEGER NOT NULL DEFAULT 1,
  last_fetch_at INTEGER,
  last_success_at INTEGER,
  last_error_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  items_total INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (council_id, url)
);

CREATE TABLE media_items (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  source_id INTEGER REFERENCES monitor_sources(id),
  outlet TEXT NOT NULL DEFAULT '',
  canonical_url TEXT NOT NULL,
  url TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  lead TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  author TEXT NOT NULL DEFAULT '',
  images TEXT NOT NULL DEFAULT '[]',
  published_at INTEGER,
  fetched_at INTEGER NOT NULL,
  raw_gz ${BLOB},
  tone TEXT NOT NULL DEFAULT 'neutral',
  tone_confidence REAL NOT NULL DEFAULT 0,
  tone_override TEXT,
  UNIQUE (council_id, canonical_url)
);
CREATE INDEX media_items_fingerprint ON media_items(council_id, outlet, fingerprint);
CREATE INDEX media_items_time ON media_items(council_id, published_at);
CREATE INDEX media_items_source ON media_items(source_id, fetched_at);

CREATE TABLE media_item_urls (
  council_id INTEGER NOT NULL,
  url TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  PRIMARY KEY (council_id, url)
);

CREATE TABLE watch_terms (
  id ${ID},
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  kind TEXT NOT NULL DEFAULT 'name',
  term TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (agency_id, term)
);

CREATE TABLE mentions (
  item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  term_id INTEGER NOT NULL,
  count INTEGER NOT NULL DEFAULT 1,
  spans TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (item_id, agency_id, term_id)
);
CREATE INDEX mentions_agency ON mentions(agency_id, item_id);

CREATE TABLE pickups (
  release_id INTEGER NOT NULL REFERENCES releases(id),
  item_id INTEGER NOT NULL REFERENCES media_items(id) ON DELETE CASCADE,
  containment REAL NOT NULL,
  kind TEXT NOT NULL,
  paragraphs TEXT NOT NULL DEFAULT '[]',
  found_at INTEGER NOT NULL,
  PRIMARY KEY (release_id, item_id)
);
CREATE INDEX pickups_item ON pickups(item_id);

CREATE TABLE alert_rules (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id),
  kind TEXT NOT NULL,
  threshold INTEGER NOT NULL DEFAULT 0,
  window_minutes INTEGER NOT NULL DEFAULT 60,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE alert_events (
  id ${ID},
  rule_id INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  dedup_key TEXT NOT NULL,
  agency_id INTEGER,
  item_id INTEGER,
  message TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (rule_id, dedup_key)
);

CREATE TABLE saved_searches (
  id ${ID},
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  query TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches(user_id);

CREATE TABLE tone_labels (
  id ${ID},
  item_id INTEGER REFERENCES media_items(id) ON DELETE SET NULL,
  text TEXT NOT NULL,
  label TEXT NOT NULL,
  user_id INTEGER,
  created_at INTEGER NOT NULL
);
)SQL";

// Media item search for SQLite: FTS5 over title, lead and body with the text core's tokenizer.
static const char* const kV7MonitoringSearch = R"SQL(
CREATE VIRTUAL TABLE media_items_fts USING fts5(
  title, lead, body,
  content = 'media_items', content_rowid = 'id', tokenize = 'pol'
);
CREATE TRIGGER media_items_fts_ai AFTER INSERT ON media_items BEGIN
  INSERT INTO media_items_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;
CREATE TRIGGER media_items_fts_ad AFTER DELETE ON media_items BEGIN
  INSERT INTO media_items_fts(media_items_fts, rowid, title, lead, body)
  VALUES ('delete', old.id, old.title, old.lead, old.body);
END;
CREATE TRIGGER media_items_fts_au AFTER UPDATE OF title, lead, body ON media_items BEGIN
  INSERT INTO media_items_fts(media_items_fts, rowid, title, lead, body)
  VALUES ('delete', old.id, old.title, old.lead, old.body);
  INSERT INTO media_items_fts(rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;
)SQL";

// The two-way channel with citizens (src/citizen): requests and their history,
// attachments, one-time codes, SLA targets, reply templates, routing rules and the
// routing model, and the LSH band keys of each request's text fingerprint.
static const char* const kV6Citizen = R"SQL(
CREATE TABLE citizen_requests (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  tracking_code TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  chosen_agency_id INTEGER REFERENCES agencies(id),
  agency_id INTEGER REFERENCES agencies(id),
  state TEXT NOT NULL,
  assignee_id INTEGER REFERENCES users(id),
  name TEXT NOT NULL,
  mobile TEXT NOT NULL,
  national_code TEXT NOT NULL DEFAULT '',
  verified INTEGER NOT NULL DEFAULT 0,
  route_source TEXT NOT NULL DEFAULT '',
  route_confidence REAL NOT NULL DEFAULT 0,
  routed_at INTEGER,
  first_response_due INTEGER,
  resolve_due INTEGER,
  first_response_at INTEGER,
  closed_at INTEGER,
  outcome TEXT NOT NULL DEFAULT '',
  csat INTEGER,
  csat_comment TEXT NOT NULL DEFAULT '',
  rated_at INTEGER,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  duplicate_of INTEGER REFERENCES citizen_requests(id),
  merged_into INTEGER REFERENCES citizen_requests(id),
  escalation INTEGER NOT NULL DEFAULT 0,
  warned INTEGER NOT NULL DEFAULT 0,
  signature TEXT NOT NULL DEFAULT '',
  training_label INTEGER NOT NULL DEFAULT 0,
  erased INTEGER NOT NULL DEFAULT 0,
  ip TEXT NOT NULL DEFAULT '',
  version INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX citizen_requests_agency ON citizen_requests(agency_id, state, created_at);
CREATE INDEX citizen_requests_council ON citizen_requests(council_id, state, created_at);
CREATE INDEX citizen_requests_mobile ON citizen_requests(mobile);
CREATE INDEX citizen_requests_due ON citizen_requests(state, resolve_due);
CREATE INDEX citizen_requests_duplicate ON citizen_requests(duplicate_of);

CREATE TABLE citizen_request_bands (
  band_key INTEGER NOT NULL,
  request_id INTEGER NOT NULL REFERENCES citizen_requests(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX citizen_request_bands_key ON citizen_request_bands(band_key, created_at);

CREATE TABLE request_events (
  id ${ID},
  request_id INTEGER NOT NULL REFERENCES citizen_requests(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  actor_id INTEGER REFERENCES users(id),
  actor_name TEXT NOT NULL DEFAULT '',
  agency_id INTEGER REFERENCES agencies(id),
  public INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX request_events_request ON request_events(request_id, id);

CREATE TABLE citizen_attachments (
  id ${ID},
  request_id INTEGER NOT NULL REFERENCES citizen_requests(id),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX citizen_attachments_request ON citizen_attachments(request_id);

CREATE TABLE citizen_otps (
  id ${ID},
  request_id INTEGER NOT NULL REFERENCES citizen_requests(id),
  code_hash TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX citizen_otps_request ON citizen_otps(request_id, id);

CREATE TABLE sla_targets (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id),
  type TEXT,
  first_response_minutes INTEGER NOT NULL,
  resolve_minutes INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (council_id, agency_id, type)
);

CREATE TABLE reply_templates (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER REFERENCES agencies(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE routing_rules (
  id ${ID},
  council_id INTEGER NOT NULL REFERENCES councils(id),
  agency_id INTEGER NOT NULL REFERENCES agencies(id),
  keywords TEXT NOT NULL DEFAULT '',
  types TEXT NOT NULL DEFAULT '',
  priority INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);

CREATE TABLE routing_model (
  council_id INTEGER PRIMARY KEY REFERENCES councils(id),
  model TEXT NOT NULL,
  samples INTEGER NOT NULL,
  held_out INTEGER NOT NULL,
  accuracy REAL NOT NULL,
  trained_at INTEGER NOT NULL
);
)SQL";

// The tokenizer now also indexes the parts of ZWNJ compounds: rebuild the index from the table.
static const char* const kV9ReindexReleasesSqlite = R"SQL(
INSERT INTO releases_fts(releases_fts) VALUES ('rebuild');
)SQL";

const std::vector<Migration>& AllMigrations() {
  static const std::string kV7MonitoringSqlite = std::string(kV7MonitoringTables) + kV7MonitoringSearch;
  static const std::vector<Migration> kMigrations = {
      {1, "foundation: councils, agencies, users, sessions, audit, jobs", kV1Foundation},
      {2, "newsroom: releases, revisions, tags, co-signers, media, occasions, notifications", kV2Newsroom},
      {3, "newsroom: approval columns, calendar indexes, the ministry's occasions", kV3NewsroomWorkflow},
      {4, "newsroom: release search (FTS5 with the text core's tokenizer)", kV4ReleaseSearchSqlite, "sqlite"},
      {5, "distribution: channels, press lists and contacts, deliveries", kV5Distribution},
      {6, "citizens: requests, history, attachments, one-time codes, SLA targets, templates, routing",
       kV6Citizen},
      // Version 7 is reserved for monitoring. Its search index is SQLite's FTS5, and one version has one
      // backend filter, so the whole migration is SQLite's; another backend adds its own variant.
      {7, "monitoring: sources, media items, search, mentions, pickups, alerts, saved searches, tone labels",
       kV7MonitoringSqlite.c_str(), "sqlite"},
      {9, "search: index the parts of ZWNJ compounds too", kV9ReindexReleasesSqlite, "sqlite"},
  };
  return kMigrations;
}

}  // namespace pol::store
