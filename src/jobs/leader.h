// The leader lease: which node of a cluster runs the once-per-cluster periodic work (fetch scheduling,
// the SLA sweep, housekeeping, the job reaper; jobs/periodic.h `once_per_cluster`). One row of the
// `leases` table (store/lease_repo.h) names the holder and an expiry; the holder renews it while it
// lives, and when it dies another node takes over after the lease expires (at most ttl_ms later).
//
// Safety margin. A node believes it leads only until its last successful renewal + ttl_ms - margin_ms
// by its own monotonic clock, so a node that stalled (GC-free, but a long task, a paused VM) stops
// believing before the database lets another node in; clocks must agree within margin_ms (NTP).
//
//   jobs::LeaderLease leader(db, env, node_id);  // ttl 15 s, renew every 5 s
//   if (leader.Refresh()) { ... }                // acquire or renew; true while this node leads
//   leader.IsLeader();                           // cheap, no database
//   leader.Resign();                             // at shutdown: the next node takes over at once
//
// Thread-safety: thread-safe. Refresh() and Resign() block on the database.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "base/env.h"
#include "base/status.h"
#include "store/db.h"

namespace pol::jobs {

struct LeaderOptions {
  std::string lease_name = "leader";
  int64_t ttl_ms = 15000;
  int64_t renew_every_ms = 5000;  // PeriodicScheduler renews at this cadence
  int64_t margin_ms = 2000;       // see "Safety margin"
};

class LeaderLease {
 public:
  // `db` and `env` must outlive it. `node_id` must be unique in the cluster (MakeNodeId).
  LeaderLease(store::Database* db, Env* env, std::string node_id, LeaderOptions options = {});
  LeaderLease(const LeaderLease&) = delete;
  LeaderLease& operator=(const LeaderLease&) = delete;

  // Acquires or renews the lease. Returns whether this node leads now; a database error counts as not.
  bool Refresh();
  bool IsLeader() const;
  // Gives the lease up (when held) so another node can take over without waiting for the expiry.
  void Resign();

  const std::string& node_id() const { return node_id_; }
  const LeaderOptions& options() const { return options_; }

 private:
  store::Database* const db_;
  Env* const env_;
  const std::string node_id_;
  const LeaderOptions options_;
  std::atomic<int64_t> leads_until_ns_{0};  // Env monotonic time; 0: not leading
};

// A node id unique in the cluster: host name, process id and random bytes, e.g. "web1:4242:9f3a1c".
std::string MakeNodeId(Env* env);

}  // namespace pol::jobs
