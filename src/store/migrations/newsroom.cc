// The newsroom's migrations: 2 and 3 (portable), 4 and 9 (SQLite's release search).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// The newsroom: releases with their workflow state, co-signing agencies,
// revisions (a JSON snapshot per save, for history and diffs), tags, the media
// library, the editorial calendar's occasions, and in-console notifications.
const char* const kV2Newsroom = R"SQL(
CREATE TABLE releases (
  id ${ID},
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  status TEXT NOT NULL DEFAULT 'draft',
  council_level INTEGER NOT NULL DEFAULT 0,
  council_approved_by ${INT64} REFERENCES users(id),
  over_title TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL,
  lead TEXT NOT NULL DEFAULT '',
  body_html TEXT NOT NULL DEFAULT '',
  body_text TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '',
  occasion_id ${INT64},
  urgency TEXT NOT NULL DEFAULT 'normal',
  source_line TEXT NOT NULL DEFAULT '',
  slug TEXT NOT NULL DEFAULT '',
  embargo_until ${INT64},
  publish_at ${INT64},
  published_at ${INT64},
  withdrawn_at ${INT64},
  withdrawn_reason TEXT NOT NULL DEFAULT '',
  corrected_at ${INT64},
  correction_note TEXT NOT NULL DEFAULT '',
  return_comment TEXT NOT NULL DEFAULT '',
  author_id ${INT64} REFERENCES users(id),
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX releases_agency ON releases(agency_id, status, updated_at);
CREATE INDEX releases_council ON releases(council_id, status, published_at);
CREATE INDEX releases_due ON releases(status, publish_at);

CREATE TABLE release_agencies (
  release_id ${INT64} NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  signed_by ${INT64} REFERENCES users(id),
  signed_at ${INT64},
  PRIMARY KEY (release_id, agency_id)
);

CREATE TABLE release_tags (
  release_id ${INT64} NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (release_id, tag)
);
CREATE INDEX release_tags_tag ON release_tags(tag);

CREATE TABLE release_revisions (
  id ${ID},
  release_id ${INT64} NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  rev ${INT64} NOT NULL,
  action TEXT NOT NULL,
  author_id ${INT64} REFERENCES users(id),
  author_name TEXT NOT NULL DEFAULT '',
  at ${INT64} NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  snapshot TEXT NOT NULL,
  UNIQUE (release_id, rev)
);

CREATE TABLE media (
  id ${ID},
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  uploaded_by ${INT64} REFERENCES users(id),
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  bytes ${INT64} NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  caption TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL
);
CREATE INDEX media_agency ON media(agency_id, created_at);

CREATE TABLE release_media (
  release_id ${INT64} NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
  media_id ${INT64} NOT NULL REFERENCES media(id),
  position INTEGER NOT NULL DEFAULT 0,
  caption TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (release_id, media_id)
);

CREATE TABLE occasions (
  id ${ID},
  council_id ${INT64} REFERENCES councils(id),
  name TEXT NOT NULL,
  calendar TEXT NOT NULL DEFAULT 'solar',
  month INTEGER NOT NULL,
  day INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  version ${INT64} NOT NULL DEFAULT 1,
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);

CREATE TABLE notifications (
  id ${ID},
  user_id ${INT64} NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at ${INT64} NOT NULL,
  read_at ${INT64}
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, created_at);
)SQL";

// Newsroom, part two: the workflow's approval columns, calendar indexes, and the
// ministry's occasions preloaded for every council (council_id NULL = shared).
// Each date below was checked against published sources; dates that could not be
// verified (e.g. a separate "national social security day") are left out.
const char* const kV3NewsroomWorkflow = R"SQL(
ALTER TABLE releases ADD COLUMN approved_by ${INT64} REFERENCES users(id);
ALTER TABLE releases ADD COLUMN approved_at ${INT64};
ALTER TABLE releases ADD COLUMN council_approved_at ${INT64};
ALTER TABLE releases ADD COLUMN submitted_at ${INT64};
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
const char* const kV4ReleaseSearchSqlite = R"SQL(
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

// The tokenizer now also indexes the parts of ZWNJ compounds: rebuild the index from the table.
const char* const kV9ReindexReleasesSqlite = R"SQL(
INSERT INTO releases_fts(releases_fts) VALUES ('rebuild');
)SQL";

}  // namespace pol::store::schema
