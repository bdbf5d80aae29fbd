// Migration 24: emerging issues (src/insight/emerging_service.h, issue 12 §3).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// emerging_days: the Tehran days (days since 1970-01-01) whose term counts are stored, with the number
// of documents counted (copies once) and when. emerging_term_days: per council, kind, day and key (a
// search term or an adjacent pair "a b"), the documents carrying it — kind 'all' counts every item and
// request (the z-scores and the dashboard's top terms read it), kind 'request' the citizens' requests
// alone (the dashboard's top topics of requests); written by the once-per-cluster job, never per request. emerging_issues: the grouped bursts; terms one per
// line, agencies as "id:documents,…"; the owner agency the council assigned. emerging_issue_docs: the
// items and requests of an issue, each with its day, tone and agencies ("id,id").
const char* const kV24Emerging = R"SQL(
CREATE TABLE emerging_days (
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  day ${INT64} NOT NULL,
  documents ${INT64} NOT NULL,
  counted_at ${INT64} NOT NULL,
  PRIMARY KEY (council_id, day)
);
CREATE TABLE emerging_term_days (
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  day ${INT64} NOT NULL,
  kind TEXT NOT NULL,
  term TEXT NOT NULL,
  documents ${INT64} NOT NULL,
  PRIMARY KEY (council_id, day, kind, term)
);
CREATE INDEX emerging_term_days_term ON emerging_term_days(council_id, kind, term, day);
CREATE TABLE emerging_issues (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  terms TEXT NOT NULL,
  first_day ${INT64} NOT NULL,
  last_day ${INT64} NOT NULL,
  z ${DOUBLE} NOT NULL DEFAULT 0,
  growth ${DOUBLE} NOT NULL DEFAULT 0,
  items ${INT64} NOT NULL DEFAULT 0,
  requests ${INT64} NOT NULL DEFAULT 0,
  positive ${INT64} NOT NULL DEFAULT 0,
  neutral ${INT64} NOT NULL DEFAULT 0,
  negative ${INT64} NOT NULL DEFAULT 0,
  agencies TEXT NOT NULL DEFAULT '',
  owner_agency_id ${INT64} REFERENCES agencies(id),
  assigned_by ${INT64} REFERENCES users(id),
  assigned_at ${INT64},
  created_at ${INT64} NOT NULL,
  updated_at ${INT64} NOT NULL
);
CREATE INDEX emerging_issues_council ON emerging_issues(council_id, last_day);
CREATE TABLE emerging_issue_docs (
  issue_id ${INT64} NOT NULL REFERENCES emerging_issues(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  doc_id ${INT64} NOT NULL,
  day ${INT64} NOT NULL,
  tone TEXT NOT NULL DEFAULT '',
  agencies TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (issue_id, kind, doc_id)
);
)SQL";

}  // namespace pol::store::schema
