// Migration 32: the committee's opt-in public page (issue 13 §8, docs/committee.md "Public page"): a
// council's committee settings (the page is off until the council admin turns it on) and a decision's
// `published` flag, set by the committee's secretary or chair; the site lists only published decisions.
#include "store/migrations/schema.h"

namespace pol::store::schema {

const char* const kV32CommitteePublic = R"SQL(
CREATE TABLE committee_council_settings (
  council_id ${INT64} PRIMARY KEY REFERENCES councils(id),
  public_page INTEGER NOT NULL DEFAULT 0,
  version ${INT64} NOT NULL DEFAULT 1,
  updated_at ${INT64} NOT NULL
);
ALTER TABLE committee_decisions ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
ALTER TABLE committee_decisions ADD COLUMN published_at ${INT64};
CREATE INDEX committee_decisions_published ON committee_decisions(published, committee_id);
)SQL";

}  // namespace pol::store::schema
