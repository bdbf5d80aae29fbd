// SQL for the audit log: one row per write, who/when/what/from where.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

struct AuditEntry {
  int64_t id = 0, at = 0;
  std::optional<int64_t> actor_id;
  std::string actor_name, action, entity, entity_id;
  std::optional<int64_t> council_id, agency_id;
  std::string ip, detail = "{}";  // detail is a JSON object
};

struct AuditFilter {
  std::optional<std::vector<int64_t>> only_council_ids;  // authorization scope; nullopt = all
  std::optional<int64_t> actor_id;
  std::string entity;
  std::optional<int64_t> from, to;  // unix ms, [from, to)
  int64_t limit = 50, offset = 0;
};

// Conn::ExecLater: on PostgreSQL sent with the next statement; a failure fails the transaction.
Status InsertAudit(Conn& c, const AuditEntry& e);
StatusOr<std::pair<std::vector<AuditEntry>, int64_t>> ListAudit(Conn& c, const AuditFilter& f);

}  // namespace pol::store
