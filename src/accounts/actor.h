// Who is doing a write, and from where: passed from the HTTP layer into every
// capability call that changes data, so each write lands in the audit log in
// the same transaction as the change itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "accounts/roles.h"
#include "store/audit_repo.h"
#include "store/db.h"

namespace pol::accounts {

struct Actor {
  const Principal* principal = nullptr;  // null for the system itself (CLI, demo loader)
  std::string ip;

  bool IsSystem() const { return principal == nullptr; }
  bool IsSystemAdmin() const { return IsSystem() || principal->IsSystemAdmin(); }
};

struct AuditScope {
  std::optional<int64_t> council_id, agency_id;
};

// Writes one audit row inside the caller's transaction.
Status Audit(store::Conn& c, const Actor& actor, int64_t now, std::string action, std::string entity,
             std::string entity_id, AuditScope scope,
             const nlohmann::json& detail = nlohmann::json::object());

}  // namespace pol::accounts
