// The committee's invitation routes (committee_invitation_routes.cc): the public RSVP page of a signed
// link, GET and POST /committee/rsvp/{token} (server-rendered Persian, no JavaScript), and the staff list
// GET /api/v1/committee-meetings/{id}/notices. Registered by app/committee_module.cc.
#pragma once

#include "committee/invitations.h"
#include "http/router.h"

namespace pol::api {

void RegisterCommitteeInvitationRoutes(http::Router& r, committee::Invitations* invitations);

}  // namespace pol::api
