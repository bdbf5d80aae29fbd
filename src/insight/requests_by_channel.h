// The insight dashboard's citizens' panel per channel (issue 15 §6): the requests received in a dashboard's
// period (the same requests as its requests_received figure) per channel they came in by — web, telegram,
// bale — most first. Kept beside the Dashboard (not a field of it) so the messenger's addition stays out
// of the dashboard's model; SQL in store/messenger_repo_channels.h.
//
// Thread-safety: a pure read; safe to call concurrently.
#pragma once

#include <vector>

#include "insight/dashboard.h"
#include "store/db.h"
#include "store/insight_repo.h"

namespace pol::insight {

// For a dashboard InsightService::GetDashboard returned (its scope and permission already checked).
StatusOr<std::vector<store::InsightBucket>> RequestsByChannel(store::Database* db, const Dashboard& d);

}  // namespace pol::insight
