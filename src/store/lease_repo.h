// Named leases (table `leases`, migration 70): one holder at a time for a name, until the lease expires.
// The leader lease of once-per-cluster periodic work (jobs/leader.h) is one; the SQL is portable (an
// upsert whose update only happens when the row is ours or expired), so it works on SQLite too, where
// the single writer makes it trivially safe, and on PostgreSQL, where every Write holds the writer lock.
//
// Times are wall-clock unix milliseconds from the caller's Env: nodes must keep their clocks in sync
// (NTP); a skew shortens or lengthens a lease by that much.
//
// Thread-safety: functions on a Conn, inside the caller's transaction (Write for the changing ones);
// SharedSecret runs its own Write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/db.h"

namespace pol::store {

struct LeaseRow {
  std::string name, holder;
  int64_t expires_at = 0, acquired_at = 0, renewed_at = 0;
};

// Takes the lease `name` for `holder` until now + ttl_ms when it is free, expired or already the
// holder's (then it is renewed; acquired_at stays). Returns whether `holder` holds it now.
StatusOr<bool> AcquireLease(Conn& c, const std::string& name, const std::string& holder, int64_t now,
                            int64_t ttl_ms);
// Gives the lease up when `holder` holds it (it expires at once); no-op otherwise.
Status ReleaseLease(Conn& c, const std::string& name, const std::string& holder);
StatusOr<std::optional<LeaseRow>> GetLease(Conn& c, const std::string& name);

// Cluster secrets (table `cluster_secrets`): a key every node must share (the citizens' portal signs a
// challenge on one node that another checks). The first node to ask stores its `candidate`; every node,
// then and later, gets that stored value. Stored as is (not sealed): whoever reads the database can
// forge what the key signs, which the database's own contents already expose.
StatusOr<std::string> SharedSecret(Database& db, const std::string& name, const std::string& candidate,
                                   int64_t now);

}  // namespace pol::store
