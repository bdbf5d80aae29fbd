#include "accounts/actor.h"

namespace pol::accounts {

Status Audit(store::Conn& c, const Actor& actor, int64_t now, std::string action, std::string entity,
             std::string entity_id, AuditScope scope, const nlohmann::json& detail) {
  store::AuditEntry e;
  e.at = now;
  if (actor.principal) {
    e.actor_id = actor.principal->user_id;
    e.actor_name = actor.principal->name;
  } else {
    e.actor_name = "سامانه";
  }
  e.action = std::move(action);
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.council_id = scope.council_id;
  e.agency_id = scope.agency_id;
  e.ip = actor.ip;
  e.detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return store::InsertAudit(c, e);
}

}  // namespace pol::accounts
