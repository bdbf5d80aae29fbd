#include "council/council_policy.h"

namespace pol::council {

using accounts::Actor;

bool CanReadCouncil(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->CanReadCouncil(council_id);
}

bool CanManageCouncil(const Actor& a, int64_t council_id) {
  return a.IsSystemAdmin() || a.principal->CanManageCouncil(council_id);
}

bool CanCreateCouncil(const Actor& a) { return a.IsSystemAdmin(); }

std::optional<std::vector<int64_t>> ReadableCouncils(const Actor& a) {
  if (a.IsSystemAdmin()) return std::nullopt;
  return a.principal->ReadableCouncils();
}

}  // namespace pol::council
