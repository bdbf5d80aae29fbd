// The committee's public page and its switches (committee_public_routes.cc) and the evidence on decisions'
// follow-up entries (committee_evidence_routes.cc): registered by the committee module
// (app/committee_module.cc), which knows the council the site shows and owns the evidence service.
#pragma once

#include <string>

#include "api/services.h"
#include "committee/evidence.h"
#include "http/router.h"

namespace pol::api {

// GET /decisions (the site's page of published decisions; 404 while off), GET/PUT
// /api/v1/councils/{id}/committee-settings (the council admin's switch), GET/PUT
// /api/v1/committee-decisions/{id}/publication (the secretary's or chair's flag), GET/PUT
// /api/v1/committees/{id}/reminder-settings (the reminder lead time). `council_slug`: the
// council the site shows (site.council_slug; empty: the first council).
void RegisterCommitteePublicRoutes(http::Router& r, const Services& s, const std::string& council_slug);

// POST /api/v1/committee-decisions/{id}/followups/{fid}/evidence?filename= (the file is the body), GET
// /api/v1/committee-decisions/{id}/evidence (the list), GET /api/v1/committee-decisions/{id}/evidence/{eid}
// (the bytes, as a download).
void RegisterCommitteeEvidenceRoutes(http::Router& r, committee::EvidenceService* evidence);

}  // namespace pol::api
