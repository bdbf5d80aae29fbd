// Versions of the models each node holds in memory (migration 72, table `model_versions`): the citizens'
// routing (model and rules: kRoutingModel), the monitoring tone model (kToneModel) and mention matcher
// (kMentionModel). The store bumps a model's version in the transaction that changes what it is built
// from (citizen_repo.cc, monitor_repo.cc), so a node that polls the versions (app/model_reload.h) and
// finds one changed reloads that model: a retraining on one node reaches the others within a poll.
//
// Thread-safety: functions on a Conn, inside the caller's transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"

namespace pol::store {

inline constexpr char kRoutingModel[] = "citizen.routing";
inline constexpr char kToneModel[] = "monitor.tone";
inline constexpr char kMentionModel[] = "monitor.mentions";

// Adds one to the model's version (the first bump makes it 1). Inside a write transaction.
Status BumpModelVersion(Conn& c, const std::string& name);
// The model's version; 0 when it was never bumped.
StatusOr<int64_t> GetModelVersion(Conn& c, const std::string& name);

}  // namespace pol::store
