// /api/v1/audit: the audit log, for system admins (all) and council admins (their council).
#include "api/json_io.h"
#include "api/routes.h"
#include "store/audit_repo.h"

namespace pol::api {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

void RegisterAuditRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/audit", Access::kSession, [s](Request& req) {
    const accounts::Principal& p = req.principal();
    auto managed = p.ManagedCouncils();
    if (managed && managed->empty()) return Response::Error(PermissionDenied());
    POL_TRY(Paging pg, ParsePaging(req));
    POL_TRY(auto actor_id, QueryId(req, "actor_id"));
    POL_TRY(auto from, QueryId(req, "from"));
    POL_TRY(auto to, QueryId(req, "to"));
    store::AuditFilter f{.only_council_ids = managed,
                         .actor_id = actor_id,
                         .entity = req.Query("entity").value_or(""),
                         .from = from,
                         .to = to,
                         .limit = pg.limit(),
                         .offset = pg.offset()};
    std::pair<std::vector<store::AuditEntry>, int64_t> page;
    Status st = s.db->Read([&](store::Conn& c) -> Status {
      POL_ASSIGN_OR_RETURN(page, store::ListAudit(c, f));
      return Status::Ok();
    });
    if (!st.ok()) return Response::Error(st);
    return Response::MakeJson(PageJson(page, pg, [](const store::AuditEntry& e) { return ToJson(e); }));
  });
}

}  // namespace pol::api
