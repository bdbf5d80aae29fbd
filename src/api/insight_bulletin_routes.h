// The bulletin's routes (insight_bulletin_routes.cc), registered by app/insight_module.cc beside
// RegisterInsightRoutes; kept out of api/services.h so only the insight module depends on them.
#pragma once

#include "http/router.h"
#include "insight/bulletin_service.h"

namespace pol::api {

void RegisterInsightBulletinRoutes(http::Router& r, const insight::BulletinService* bulletins);

}  // namespace pol::api
