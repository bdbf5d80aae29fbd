#include "store/audit_repo.h"

#include "store/council_repo.h"

namespace pol::store {

Status InsertAudit(Conn& c, const AuditEntry& e) {
  return c.ExecLater(
      "INSERT INTO audit_log(at, actor_id, actor_name, action, entity, entity_id, council_id, agency_id, "
      "ip, detail) VALUES (?,?,?,?,?,?,?,?,?,?)",
      {e.at, Opt(e.actor_id), e.actor_name, e.action, e.entity, e.entity_id, Opt(e.council_id),
       Opt(e.agency_id), e.ip, e.detail});
}

StatusOr<std::pair<std::vector<AuditEntry>, int64_t>> ListAudit(Conn& c, const AuditFilter& f) {
  std::string where = " WHERE 1=1";
  Params params;
  if (f.only_council_ids) where += " AND council_id IN " + InList(*f.only_council_ids, params);
  if (f.actor_id) {
    where += " AND actor_id = ?";
    params.emplace_back(*f.actor_id);
  }
  if (!f.entity.empty()) {
    where += " AND entity = ?";
    params.emplace_back(f.entity);
  }
  if (f.from) {
    where += " AND at >= ?";
    params.emplace_back(*f.from);
  }
  if (f.to) {
    where += " AND at < ?";
    params.emplace_back(*f.to);
  }
  POL_ASSIGN_OR_RETURN(Row count, c.QueryOne("SELECT COUNT(*) FROM audit_log" + where, params));
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query("SELECT id, at, actor_id, actor_name, action, entity, entity_id, "
                                          "council_id, agency_id, ip, detail FROM audit_log" +
                                              where + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                          params));
  std::vector<AuditEntry> out;
  for (const Row& r : rows) {
    out.push_back(AuditEntry{r.Int(0), r.Int(1), r.OptInt(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                             r.OptInt(7), r.OptInt(8), r.Text(9), r.Text(10)});
  }
  return std::make_pair(std::move(out), count.Int(0));
}

}  // namespace pol::store
