// The middleware chain every request goes through, in order:
//   route lookup (404/405; 404 for an ops_only route unless Request::ops_client)
//   → session (401 for kSession routes) → CSRF check (403 for state-changing
//   requests) → handler (exceptions become 500) → security headers on every
//   response. Every 5xx is logged with its route and cause.
// Kept apart from the socket code so it can be tested without a network.
//
// Thread-safety: Handle() is called concurrently from worker threads; the
// pipeline holds only read-only state and thread-safe collaborators.
#pragma once

#include "accounts/sessions.h"
#include "http/router.h"

namespace pol::http {

inline constexpr const char* kSessionCookie = "pol_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

class Pipeline {
 public:
  Pipeline(const Router* router, accounts::SessionManager* sessions) : router_(router), sessions_(sessions) {}

  // Fills `route_name` with the matched pattern (for metrics and logs).
  Response Handle(Request& req, std::string& route_name) const;
  const Router& router() const { return *router_; }

 private:
  Response Run(Request& req, std::string& route_name) const;

  const Router* const router_;
  accounts::SessionManager* const sessions_;
};

// Headers added to every response (nosniff, frame denial, CSP, …).
void AddSecurityHeaders(Response& r);

}  // namespace pol::http
