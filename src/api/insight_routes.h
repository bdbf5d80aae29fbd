// /api/v1/insight/…: the dashboard and the records behind its numbers (insight_routes.cc). Declared
// apart from routes.h so the insight module registers them with the service it builds.
#pragma once

#include "api/services.h"
#include "http/router.h"
#include "insight/dashboard.h"

namespace pol::api {

void RegisterInsightRoutes(http::Router& r, const Services& s, const insight::InsightService* insight);

}  // namespace pol::api
