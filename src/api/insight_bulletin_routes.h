// The bulletin's routes (insight_bulletin_routes.cc), registered in RegisterAll (api/routes.h) after
// RegisterInsightRoutes, as the insight module does.
#pragma once

#include "http/router.h"
#include "insight/bulletin_service.h"

namespace pol::api {

void RegisterInsightBulletinRoutes(http::Router& r, const insight::BulletinService* bulletins);

}  // namespace pol::api
