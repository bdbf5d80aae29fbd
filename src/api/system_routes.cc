// Health, readiness, metrics, and the staff console's static files (linked from the public site's header;
// "/" is the public site, site_routes.cc).
#include "api/json_io.h"
#include "api/routes.h"

namespace pol::api {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

void RegisterSystemRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/healthz", Access::kPublic,
        [](Request&) { return Response::Text("ok\n", "text/plain; charset=utf-8"); });
  r.Add(V::get, "/readyz", Access::kPublic, [s](Request&) {
    Status st = s.db->Ping();
    if (!st.ok()) return Response::Text("database unavailable\n", "text/plain; charset=utf-8", 503);
    return Response::Text("ready\n", "text/plain; charset=utf-8");
  });
  r.Add(V::get, "/metrics", Access::kPublic,
        [s](Request&) {
          return Response::Text(s.metrics->Render(), "text/plain; version=0.0.4; charset=utf-8");
        },
        {.ops_only = true});
  r.Add(V::get, "/console", Access::kPublic, [s](Request& req) {
    // The router ignores a trailing slash, so "/console/" lands here too: that is the app itself.
    if (req.path.ends_with('/')) return s.console->Serve(req, "");
    Response res;
    res.status = 301;
    res.content_type.clear();
    return res.With("Location", "/console/");
  });
  r.Add(V::get, "/console/*", Access::kPublic,
        [s](Request& req) { return s.console->Serve(req, req.params["*"]); });
}

}  // namespace pol::api
