#include "jobs/leader.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "base/hex.h"
#include "store/lease_repo.h"

namespace pol::jobs {

LeaderLease::LeaderLease(store::Database* db, Env* env, std::string node_id, LeaderOptions options)
    : db_(db), env_(env), node_id_(std::move(node_id)), options_(std::move(options)) {}

bool LeaderLease::Refresh() {
  const int64_t started_ns = env_->MonotonicNanos();  // before the round trip: the conservative start
  auto held = db_->WriteValue([&](store::Conn& c) {
    return store::AcquireLease(c, options_.lease_name, node_id_, env_->NowMillis(), options_.ttl_ms);
  });
  const bool was = IsLeader();
  if (!held.ok() || !*held) {
    leads_until_ns_.store(0);
    if (!held.ok()) spdlog::warn("leader lease: {}", held.status().ToString());
    if (was) spdlog::info("leader lease: node {} no longer leads", node_id_);
    return false;
  }
  leads_until_ns_.store(started_ns + (options_.ttl_ms - options_.margin_ms) * 1000000);
  if (!was) spdlog::info("leader lease: node {} leads the once-per-cluster work", node_id_);
  return true;
}

bool LeaderLease::IsLeader() const {
  const int64_t until = leads_until_ns_.load();
  return until != 0 && env_->MonotonicNanos() < until;
}

void LeaderLease::Resign() {
  if (leads_until_ns_.exchange(0) == 0) return;
  Status s =
      db_->Write([&](store::Conn& c) { return store::ReleaseLease(c, options_.lease_name, node_id_); });
  if (!s.ok()) spdlog::warn("leader lease: could not resign: {}", s.ToString());
}

std::string MakeNodeId(Env* env) {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) host[0] = '\0';
  return std::string(host[0] ? host : "node") + ":" + std::to_string(::getpid()) + ":" +
         HexEncode(env->RandomBytes(4));
}

}  // namespace pol::jobs
