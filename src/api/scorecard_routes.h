// The PR units' scorecards (scorecard_routes.cc), registered by the scorecard module
// (app/scorecard_module.cc).
#pragma once

#include "http/router.h"
#include "insight/scorecard.h"

namespace pol::api {

void RegisterScorecardRoutes(http::Router& r, const insight::ScorecardService* scorecards);

}  // namespace pol::api
