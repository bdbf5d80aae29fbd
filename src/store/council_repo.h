// SQL for councils and their member agencies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/sql_build.h"

namespace pol::store {

struct Council {
  int64_t id = 0;
  std::string slug, name, province, description;
  int64_t version = 1, created_at = 0, updated_at = 0;
};

struct Agency {
  int64_t id = 0, council_id = 0;
  std::string slug, name, short_name, website, pr_email, pr_phone;
  bool disabled = false;
  int64_t version = 1, created_at = 0, updated_at = 0;
};

struct AgencyFilter {
  std::optional<int64_t> council_id;
  std::optional<std::vector<int64_t>> only_council_ids;  // authorization scope: agencies of these councils
  std::string query;                                     // substring of name/short_name/slug
  int64_t limit = 50, offset = 0;
};

StatusOr<int64_t> InsertCouncil(Conn& c, const Council& v);
StatusOr<Council> GetCouncil(Conn& c, int64_t id);
StatusOr<std::optional<Council>> FindCouncilBySlug(Conn& c, const std::string& slug);
StatusOr<std::vector<Council>> ListCouncils(Conn& c);
// Writes name/province/description when `version` matches; FailedPrecondition otherwise.
Status UpdateCouncil(Conn& c, const Council& v, int64_t now);

StatusOr<int64_t> InsertAgency(Conn& c, const Agency& v);
StatusOr<Agency> GetAgency(Conn& c, int64_t id);
StatusOr<std::optional<Agency>> FindAgencyBySlug(Conn& c, int64_t council_id, const std::string& slug);
// Returns the page and the total count matching the filter.
StatusOr<std::pair<std::vector<Agency>, int64_t>> ListAgencies(Conn& c, const AgencyFilter& f);
Status UpdateAgency(Conn& c, const Agency& v, int64_t now);

// The stable error for a stale `version` (base/status.h); store::VersionConflict() is the same function.
using ::pol::VersionConflict;

}  // namespace pol::store
