// Migration 20: the PR units' scorecards (ارزیابی عملکرد روابط عمومی, src/insight/scorecard.h).
#include "store/migrations/schema.h"

namespace pol::store::schema {

// A council's evaluation template per period kind (season | year): one row per sub-index, in order.
// `formula` is a code of the catalogue (insight/scorecard_template.h) or 'manual' (scored 1–5 by the
// committee). A raw value maps linearly from floor_value (score 0) to target_value (full score); a
// target below the floor means lower is better. `scorecard_templates` holds the version (optimistic
// concurrency) of each stored template; a council without a row uses the default template.
//
// A period (season or year) is open until the committee closes it; closing writes the snapshot
// (`scorecard_snapshot_items` and `_totals`), which later edits of the template or the data never
// change. Manual scores and evidence belong to an open period.
const char* const kV20Scorecard = R"SQL(
CREATE TABLE scorecard_templates (
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  period_kind TEXT NOT NULL,
  version ${INT64} NOT NULL DEFAULT 1,
  updated_at ${INT64} NOT NULL,
  PRIMARY KEY (council_id, period_kind)
);

CREATE TABLE scorecard_items (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  period_kind TEXT NOT NULL,
  position ${INT64} NOT NULL,
  index_code TEXT NOT NULL,
  index_name TEXT NOT NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  formula TEXT NOT NULL,
  weight ${DOUBLE} NOT NULL,
  max_score ${DOUBLE} NOT NULL,
  floor_value ${DOUBLE} NOT NULL,
  target_value ${DOUBLE} NOT NULL,
  UNIQUE (council_id, period_kind, code)
);

CREATE TABLE scorecard_periods (
  id ${ID},
  council_id ${INT64} NOT NULL REFERENCES councils(id),
  kind TEXT NOT NULL,
  year ${INT64} NOT NULL,
  season ${INT64} NOT NULL,
  from_ms ${INT64} NOT NULL,
  to_ms ${INT64} NOT NULL,
  status TEXT NOT NULL,
  version ${INT64} NOT NULL DEFAULT 1,
  created_by ${INT64} REFERENCES users(id),
  created_at ${INT64} NOT NULL,
  closed_by ${INT64} REFERENCES users(id),
  closed_at ${INT64},
  UNIQUE (council_id, kind, year, season)
);

CREATE TABLE scorecard_scores (
  id ${ID},
  period_id ${INT64} NOT NULL REFERENCES scorecard_periods(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  item_code TEXT NOT NULL,
  score ${DOUBLE} NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  scored_by ${INT64} REFERENCES users(id),
  scored_at ${INT64} NOT NULL,
  UNIQUE (period_id, agency_id, item_code)
);

CREATE TABLE scorecard_evidence (
  id ${ID},
  period_id ${INT64} NOT NULL REFERENCES scorecard_periods(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  item_code TEXT NOT NULL,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size ${INT64} NOT NULL,
  sha256 TEXT NOT NULL,
  uploaded_by ${INT64} REFERENCES users(id),
  uploaded_at ${INT64} NOT NULL
);
CREATE INDEX scorecard_evidence_period ON scorecard_evidence(period_id, agency_id);

CREATE TABLE scorecard_snapshot_items (
  id ${ID},
  period_id ${INT64} NOT NULL REFERENCES scorecard_periods(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  position ${INT64} NOT NULL,
  index_code TEXT NOT NULL,
  index_name TEXT NOT NULL,
  item_code TEXT NOT NULL,
  item_name TEXT NOT NULL,
  formula TEXT NOT NULL,
  weight ${DOUBLE} NOT NULL,
  max_score ${DOUBLE} NOT NULL,
  floor_value ${DOUBLE} NOT NULL,
  target_value ${DOUBLE} NOT NULL,
  raw ${DOUBLE},
  points ${DOUBLE} NOT NULL,
  UNIQUE (period_id, agency_id, item_code)
);

CREATE TABLE scorecard_snapshot_totals (
  period_id ${INT64} NOT NULL REFERENCES scorecard_periods(id),
  agency_id ${INT64} NOT NULL REFERENCES agencies(id),
  agency_name TEXT NOT NULL,
  total ${DOUBLE} NOT NULL,
  max_total ${DOUBLE} NOT NULL,
  rank ${INT64} NOT NULL,
  previous_total ${DOUBLE},
  PRIMARY KEY (period_id, agency_id)
);
)SQL";

}  // namespace pol::store::schema
