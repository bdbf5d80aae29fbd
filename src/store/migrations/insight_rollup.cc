// Migrations 66 (SQLite) and 67 (PostgreSQL): the dashboard's daily mention roll-ups (issue 12, "Speed";
// store/insight_rollup_repo.h, docs/insight.md "Speed"). Same tables on both backends; the triggers that
// mark a day dirty are each backend's own dialect, hence one migration per backend.
//
// insight_mention_days: per council, agency (0 = every item mentioning any agency, each once), Tehran day
// (days since 1970-01-01 of COALESCE(published_at, fetched_at) + 03:30) and effective tone, the mentioned
// items. insight_mention_outlet_days: the same split further by source (0 = none) and outlet, for the top
// outlets and the tier and outlet filters (a source's tier is joined at read time, so a changed tier needs
// no recount). insight_dirty_days: the days whose roll-up rows may be stale; every write to a mention or to
// a mentioned item's day, tone, outlet or source marks its old and new days (triggers, so no write path
// can forget) and bumps `gen`; the once-per-cluster job recounts a dirty day from the live tables and
// removes the mark only if `gen` did not move meanwhile. Readers sum roll-up rows of clean days and count
// dirty days live, so every number stays equal to its drill-down list.
// media_items_day: the live count of one day (and the drill-down lists) by the same expression.
// deliveries_sent: the deliveries_* figures by their sent time (they scanned every delivery).
// citizen_requests_insight / _closed / _rated: the requests_* figures, requests by type and by agency and
// the mean CSAT from index entries alone (they read each request's row: 100+ ms a figure at 200,000);
// _insight starts with citizen_requests_council's columns and replaces it (a submission pays no more index
// entries than before: the two partial ones take closed and rated requests only).
#include "store/migrations/schema.h"

namespace pol::store::schema {

#define POL_INSIGHT_ROLLUP_TABLES                                                                           \
  "CREATE TABLE insight_mention_days (\n"                                                                   \
  "  council_id ${INT64} NOT NULL,\n"                                                                       \
  "  agency_id ${INT64} NOT NULL,\n"                                                                        \
  "  day ${INT64} NOT NULL,\n"                                                                              \
  "  tone TEXT NOT NULL,\n"                                                                                 \
  "  items ${INT64} NOT NULL,\n"                                                                            \
  "  PRIMARY KEY (council_id, agency_id, day, tone)\n"                                                      \
  ");\n"                                                                                                    \
  "CREATE INDEX insight_mention_days_day ON insight_mention_days(council_id, day);\n"                       \
  "CREATE TABLE insight_mention_outlet_days (\n"                                                            \
  "  council_id ${INT64} NOT NULL,\n"                                                                       \
  "  agency_id ${INT64} NOT NULL,\n"                                                                        \
  "  day ${INT64} NOT NULL,\n"                                                                              \
  "  tone TEXT NOT NULL,\n"                                                                                 \
  "  source_id ${INT64} NOT NULL,\n"                                                                        \
  "  outlet TEXT NOT NULL,\n"                                                                               \
  "  items ${INT64} NOT NULL,\n"                                                                            \
  "  PRIMARY KEY (council_id, agency_id, day, tone, source_id, outlet)\n"                                   \
  ");\n"                                                                                                    \
  "CREATE INDEX insight_mention_outlet_days_day ON insight_mention_outlet_days(council_id, day);\n"         \
  "CREATE TABLE insight_dirty_days (\n"                                                                     \
  "  council_id ${INT64} NOT NULL,\n"                                                                       \
  "  day ${INT64} NOT NULL,\n"                                                                              \
  "  gen ${INT64} NOT NULL DEFAULT 1,\n"                                                                    \
  "  PRIMARY KEY (council_id, day)\n"                                                                       \
  ");\n"                                                                                                    \
  "CREATE INDEX media_items_day ON media_items(council_id, (COALESCE(published_at, fetched_at)));\n"        \
  "CREATE INDEX deliveries_sent ON deliveries(sent_at) WHERE state = 'sent';\n"                             \
  "DROP INDEX citizen_requests_council;\n"                                                                  \
  "CREATE INDEX citizen_requests_insight ON citizen_requests(council_id, state, created_at, resolve_due,\n" \
  "  agency_id, type);\n"                                                                                   \
  "CREATE INDEX citizen_requests_closed ON citizen_requests(council_id, closed_at, state, resolve_due,\n"   \
  "  agency_id, reopen_count) WHERE state = 'closed';\n"                                                    \
  "CREATE INDEX citizen_requests_rated ON citizen_requests(council_id, rated_at, state, csat, agency_id)\n" \
  "  WHERE csat IS NOT NULL;\n"                                                                             \
  "INSERT INTO insight_dirty_days(council_id, day)\n"                                                       \
  "  SELECT DISTINCT m.council_id, (COALESCE(m.published_at, m.fetched_at) + 12600000) / 86400000\n"        \
  "  FROM media_items m WHERE EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = m.id);\n"

const char* const kV66InsightRollupsSqlite = POL_INSIGHT_ROLLUP_TABLES R"SQL(
CREATE TRIGGER insight_mentions_ai AFTER INSERT ON mentions BEGIN
  INSERT INTO insight_dirty_days(council_id, day)
    SELECT council_id, (COALESCE(published_at, fetched_at) + 12600000) / 86400000 FROM media_items
    WHERE id = NEW.item_id
    ON CONFLICT (council_id, day) DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER insight_mentions_ad AFTER DELETE ON mentions BEGIN
  INSERT INTO insight_dirty_days(council_id, day)
    SELECT council_id, (COALESCE(published_at, fetched_at) + 12600000) / 86400000 FROM media_items
    WHERE id = OLD.item_id
    ON CONFLICT (council_id, day) DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER insight_mentions_au AFTER UPDATE OF item_id, agency_id ON mentions BEGIN
  INSERT INTO insight_dirty_days(council_id, day)
    SELECT council_id, (COALESCE(published_at, fetched_at) + 12600000) / 86400000 FROM media_items
    WHERE id IN (OLD.item_id, NEW.item_id)
    ON CONFLICT (council_id, day) DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER insight_items_au AFTER UPDATE OF council_id, published_at, fetched_at, tone, tone_override,
  outlet, source_id ON media_items WHEN EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = NEW.id) BEGIN
  INSERT INTO insight_dirty_days(council_id, day)
    VALUES (OLD.council_id, (COALESCE(OLD.published_at, OLD.fetched_at) + 12600000) / 86400000),
           (NEW.council_id, (COALESCE(NEW.published_at, NEW.fetched_at) + 12600000) / 86400000)
    ON CONFLICT (council_id, day) DO UPDATE SET gen = gen + 1;
END;
CREATE TRIGGER insight_items_ad AFTER DELETE ON media_items BEGIN
  INSERT INTO insight_dirty_days(council_id, day)
    VALUES (OLD.council_id, (COALESCE(OLD.published_at, OLD.fetched_at) + 12600000) / 86400000)
    ON CONFLICT (council_id, day) DO UPDATE SET gen = gen + 1;
END;
)SQL";

const char* const kV67InsightRollupsPostgres = POL_INSIGHT_ROLLUP_TABLES R"SQL(
CREATE OR REPLACE FUNCTION insight_mark_day(c bigint, t bigint) RETURNS void LANGUAGE sql AS $$
  INSERT INTO insight_dirty_days(council_id, day) VALUES (c, (t + 12600000) / 86400000)
  ON CONFLICT (council_id, day) DO UPDATE SET gen = insight_dirty_days.gen + 1;
$$;
CREATE OR REPLACE FUNCTION insight_mentions_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM insight_mark_day(m.council_id, COALESCE(m.published_at, m.fetched_at))
      FROM media_items m WHERE m.id = OLD.item_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM insight_mark_day(m.council_id, COALESCE(m.published_at, m.fetched_at))
      FROM media_items m WHERE m.id = NEW.item_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER insight_mentions_dirty AFTER INSERT OR DELETE OR UPDATE OF item_id, agency_id ON mentions
  FOR EACH ROW EXECUTE FUNCTION insight_mentions_dirty();
CREATE OR REPLACE FUNCTION insight_items_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM insight_mark_day(OLD.council_id, COALESCE(OLD.published_at, OLD.fetched_at));
  ELSIF EXISTS (SELECT 1 FROM mentions x WHERE x.item_id = NEW.id) THEN
    PERFORM insight_mark_day(OLD.council_id, COALESCE(OLD.published_at, OLD.fetched_at));
    PERFORM insight_mark_day(NEW.council_id, COALESCE(NEW.published_at, NEW.fetched_at));
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER insight_items_dirty AFTER DELETE OR UPDATE OF council_id, published_at, fetched_at, tone,
  tone_override, outlet, source_id ON media_items
  FOR EACH ROW EXECUTE FUNCTION insight_items_dirty();
)SQL";

// Migration 74: the closed requests' index also holds created_at, so the median handling time reads
// (created, closed) from index entries alone — a year's 100,000 closed requests took ~0.5 s of row
// lookups at 200,000 requests.
const char* const kV74InsightHandlingIndex = R"SQL(
DROP INDEX citizen_requests_closed;
CREATE INDEX citizen_requests_closed ON citizen_requests(council_id, closed_at, state, resolve_due,
  agency_id, reopen_count, created_at) WHERE state = 'closed';
)SQL";

// Migrations 75 (SQLite) and 76 (PostgreSQL): the deliveries figures' daily roll-up. A year's messenger
// or e-mail deliveries read every sent delivery of the year with its release and channel (154–252 ms at
// 1,000,000 items; store/insight_rollup_repo.h). insight_delivery_days holds, per council, agency (the
// release's), Tehran day of sent_at and channel kind, the sent deliveries — kept exact by triggers: a row
// that enters the counted set (state 'sent' with a sent_at) adds one, a row that leaves it subtracts one,
// a counted row whose day, release or channel changes moves its one. A release's council and agency and a
// channel's kind are never updated (release_repo, distribution_repo), so no trigger watches them.
// Every Write holds the single-writer lock (store/db.h), so two writers never wait on each other's rows.
#define POL_INSIGHT_DELIVERY_DAYS                                                                         \
  "CREATE TABLE insight_delivery_days (\n"                                                                \
  "  council_id ${INT64} NOT NULL,\n"                                                                     \
  "  day ${INT64} NOT NULL,\n"                                                                            \
  "  kind TEXT NOT NULL,\n"                                                                               \
  "  agency_id ${INT64} NOT NULL,\n"                                                                      \
  "  deliveries ${INT64} NOT NULL,\n"                                                                     \
  "  PRIMARY KEY (council_id, day, kind, agency_id)\n"                                                    \
  ");\n"                                                                                                  \
  "INSERT INTO insight_delivery_days(council_id, day, kind, agency_id, deliveries)\n"                     \
  "  SELECT r.council_id, (d.sent_at + 12600000) / 86400000, ch.kind, r.agency_id, COUNT(*)\n"            \
  "  FROM deliveries d JOIN releases r ON r.id = d.release_id JOIN channels ch ON ch.id = d.channel_id\n" \
  "  WHERE d.state = 'sent' AND d.sent_at IS NOT NULL GROUP BY 1, 2, 3, 4;\n"

// SQLite: the same upsert for +1 and -1, spelled per trigger (a trigger has no functions).
#define POL_DELIVERY_DAY_ADD(ROW, N)                                                           \
  "  INSERT INTO insight_delivery_days(council_id, day, kind, agency_id, deliveries)\n"        \
  "    SELECT r.council_id, (" ROW ".sent_at + 12600000) / 86400000, ch.kind, r.agency_id, " N \
  "\n"                                                                                         \
  "    FROM releases r, channels ch WHERE r.id = " ROW ".release_id AND ch.id = " ROW          \
  ".channel_id\n"                                                                              \
  "    ON CONFLICT (council_id, day, kind, agency_id) DO UPDATE SET deliveries = deliveries + " N ";\n"

const char* const kV75InsightDeliveryDaysSqlite =
    POL_INSIGHT_DELIVERY_DAYS
    "CREATE TRIGGER insight_deliveries_ai AFTER INSERT ON deliveries\n"
    "  WHEN NEW.state = 'sent' AND NEW.sent_at IS NOT NULL BEGIN\n" POL_DELIVERY_DAY_ADD("NEW", "1") "END;\n"
    "CREATE TRIGGER insight_deliveries_ad AFTER DELETE ON deliveries\n"
    "  WHEN OLD.state = 'sent' AND OLD.sent_at IS NOT NULL BEGIN\n" POL_DELIVERY_DAY_ADD("OLD", "-1") "END;\n"
    "CREATE TRIGGER insight_deliveries_au AFTER UPDATE OF state, sent_at, release_id, channel_id ON deliveries\n"
    "  WHEN (OLD.state = 'sent' AND OLD.sent_at IS NOT NULL) OR (NEW.state = 'sent' AND NEW.sent_at IS NOT NULL)\n"
    "  BEGIN\n"
    "  UPDATE insight_delivery_days SET deliveries = deliveries - 1\n"
    "    WHERE OLD.state = 'sent' AND OLD.sent_at IS NOT NULL AND day = (OLD.sent_at + 12600000) / 86400000\n"
    "    AND kind = (SELECT kind FROM channels WHERE id = OLD.channel_id)\n"
    "    AND (council_id, agency_id) = (SELECT council_id, agency_id FROM releases WHERE id = OLD.release_id);\n"
    "  INSERT INTO insight_delivery_days(council_id, day, kind, agency_id, deliveries)\n"
    "    SELECT r.council_id, (NEW.sent_at + 12600000) / 86400000, ch.kind, r.agency_id, 1\n"
    "    FROM releases r, channels ch WHERE NEW.state = 'sent' AND NEW.sent_at IS NOT NULL\n"
    "    AND r.id = NEW.release_id AND ch.id = NEW.channel_id\n"
    "    ON CONFLICT (council_id, day, kind, agency_id) DO UPDATE SET deliveries = deliveries + 1;\n"
    "END;\n";

// The upserts are written out in the trigger function: calling a helper SQL function from PL/pgSQL cost
// ~150 µs a sent delivery against ~55 µs inline (2,000 single-row updates, alternating, on the test
// cluster; a bare UPDATE is ~175 µs).
const char* const kV76InsightDeliveryDaysPostgres = POL_INSIGHT_DELIVERY_DAYS R"SQL(
CREATE OR REPLACE FUNCTION insight_deliveries_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.state = 'sent' AND OLD.sent_at IS NOT NULL THEN
    IF TG_OP = 'UPDATE' AND NEW.state = 'sent' AND NEW.sent_at IS NOT DISTINCT FROM OLD.sent_at
       AND NEW.release_id = OLD.release_id AND NEW.channel_id = OLD.channel_id THEN
      RETURN NULL;  -- still counted on the same day, release and channel
    END IF;
    INSERT INTO insight_delivery_days(council_id, day, kind, agency_id, deliveries)
      SELECT r.council_id, (OLD.sent_at + 12600000) / 86400000, ch.kind, r.agency_id, -1
      FROM releases r, channels ch WHERE r.id = OLD.release_id AND ch.id = OLD.channel_id
    ON CONFLICT (council_id, day, kind, agency_id)
      DO UPDATE SET deliveries = insight_delivery_days.deliveries + EXCLUDED.deliveries;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.state = 'sent' AND NEW.sent_at IS NOT NULL THEN
    INSERT INTO insight_delivery_days(council_id, day, kind, agency_id, deliveries)
      SELECT r.council_id, (NEW.sent_at + 12600000) / 86400000, ch.kind, r.agency_id, 1
      FROM releases r, channels ch WHERE r.id = NEW.release_id AND ch.id = NEW.channel_id
    ON CONFLICT (council_id, day, kind, agency_id)
      DO UPDATE SET deliveries = insight_delivery_days.deliveries + EXCLUDED.deliveries;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER insight_deliveries_ai AFTER INSERT ON deliveries FOR EACH ROW
  WHEN (NEW.state = 'sent') EXECUTE FUNCTION insight_deliveries_count();
CREATE TRIGGER insight_deliveries_ad AFTER DELETE ON deliveries FOR EACH ROW
  WHEN (OLD.state = 'sent') EXECUTE FUNCTION insight_deliveries_count();
CREATE TRIGGER insight_deliveries_au AFTER UPDATE OF state, sent_at, release_id, channel_id ON deliveries
  FOR EACH ROW WHEN (OLD.state = 'sent' OR NEW.state = 'sent') EXECUTE FUNCTION insight_deliveries_count();
)SQL";

// Migration 77: media_items_day also holds the item's effective tone, so a drill-down list of one tone
// (the dashboard's top negative items) tests the tone on index entries and reads only the rows it lists.
// An agency's newest negative items in a month at 1,000,000 items: ~80,000 items in the month, 79 of
// them negative and the agency's — the walk read some thousands of rows for their tone (115 ms from a
// cold cache); now it reads their index entries (15 ms).
const char* const kV77InsightItemsDayTone = R"SQL(
DROP INDEX media_items_day;
CREATE INDEX media_items_day ON media_items(council_id, (COALESCE(published_at, fetched_at)),
  (COALESCE(tone_override, tone)));
)SQL";

}  // namespace pol::store::schema
