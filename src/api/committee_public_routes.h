// The committee's public page and its switches (committee_public_routes.cc): registered by the committee
// module (app/committee_module.cc), which knows the council the site shows.
#pragma once

#include <string>

#include "api/services.h"
#include "http/router.h"

namespace pol::api {

// GET /decisions (the site's page of published decisions; 404 while off), GET/PUT
// /api/v1/councils/{id}/committee-settings (the council admin's switch), GET/PUT
// /api/v1/committee-decisions/{id}/publication (the secretary's or chair's flag). `council_slug`: the
// council the site shows (site.council_slug; empty: the first council).
void RegisterCommitteePublicRoutes(http::Router& r, const Services& s, const std::string& council_slug);

}  // namespace pol::api
