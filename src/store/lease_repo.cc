#include "store/lease_repo.h"

namespace pol::store {

StatusOr<bool> AcquireLease(Conn& c, const std::string& name, const std::string& holder, int64_t now,
                            int64_t ttl_ms) {
  // One statement: insert, or take over an expired lease, or renew our own; a live lease of another
  // holder makes the update's WHERE false, so nothing is written and nothing returned.
  POL_ASSIGN_OR_RETURN(
      Rows rows,
      c.Query("INSERT INTO leases(name, holder, expires_at, acquired_at, renewed_at) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, "
              "acquired_at = CASE WHEN leases.holder = excluded.holder AND leases.expires_at > ? "
              "THEN leases.acquired_at ELSE excluded.acquired_at END, renewed_at = excluded.renewed_at "
              "WHERE leases.holder = excluded.holder OR leases.expires_at <= ? RETURNING holder",
              {name, holder, now + ttl_ms, now, now, now, now}));
  return !rows.empty() && rows[0].Text(0) == holder;
}

Status ReleaseLease(Conn& c, const std::string& name, const std::string& holder) {
  return c.Exec("UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?", {name, holder}).status();
}

StatusOr<std::optional<LeaseRow>> GetLease(Conn& c, const std::string& name) {
  POL_ASSIGN_OR_RETURN(auto row, c.QueryOpt("SELECT name, holder, expires_at, acquired_at, renewed_at "
                                            "FROM leases WHERE name = ?",
                                            {name}));
  if (!row) return std::optional<LeaseRow>();
  return std::optional<LeaseRow>(LeaseRow{.name = row->Text(0),
                                          .holder = row->Text(1),
                                          .expires_at = row->Int(2),
                                          .acquired_at = row->Int(3),
                                          .renewed_at = row->Int(4)});
}

StatusOr<std::string> SharedSecret(Database& db, const std::string& name, const std::string& candidate,
                                   int64_t now) {
  return db.WriteValue([&](Conn& c) -> StatusOr<std::string> {
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO cluster_secrets(name, value, created_at) VALUES (?, ?, ?) "
                               "ON CONFLICT (name) DO NOTHING",
                               {name, Blob{candidate}, now})
                            .status());
    POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT value FROM cluster_secrets WHERE name = ?", {name}));
    return r.Blob(0);
  });
}

}  // namespace pol::store
