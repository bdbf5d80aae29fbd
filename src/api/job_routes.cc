// /api/v1/jobs: the durable job queue, for system admins.
#include "api/json_io.h"
#include "api/routes.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json ToJson(const jobs::Job& j) {
  return Json{{"id", j.id},
              {"queue", j.queue},
              {"kind", j.kind},
              {"state", j.state},
              {"run_at", j.run_at},
              {"attempts", j.attempts},
              {"max_attempts", j.max_attempts},
              {"last_error", j.last_error},
              {"created_at", j.created_at},
              {"updated_at", j.updated_at}};
}

}  // namespace

void RegisterJobRoutes(http::Router& r, const Services& s) {
  r.Add(V::get, "/api/v1/jobs", Access::kSession, [s](Request& req) {
    jobs::ListOptions o;
    o.state = QueryFilter(req, "state");
    o.kind = QueryFilter(req, "kind");
    POL_TRY(o.before_id, QueryId(req, "before_id"));
    POL_TRY(auto list, s.jobs->List(ActorOf(req), o));
    POL_TRY(auto stats, s.jobs->Stats(ActorOf(req)));
    Json items = Json::array(), depth = Json::array();
    for (const auto& j : list) items.push_back(ToJson(j));
    for (const auto& d : stats) {
      depth.push_back(
          {{"queue", d.queue}, {"state", d.state}, {"count", d.count}, {"oldest_run_at", d.oldest_run_at}});
    }
    return Response::MakeJson(Json{{"items", items}, {"stats", depth}});
  });
  r.Add(V::get, "/api/v1/jobs/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(jobs::Job j, s.jobs->Get(ActorOf(req), id));
    return Response::MakeJson(ToJson(j));
  });
  r.Add(V::post, "/api/v1/jobs/{id}/retry", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(jobs::Job j, s.jobs->Retry(ActorOf(req), id));
    return Response::MakeJson(ToJson(j));
  });
  r.Add(V::post, "/api/v1/jobs/{id}/cancel", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(jobs::Job j, s.jobs->Cancel(ActorOf(req), id));
    return Response::MakeJson(ToJson(j));
  });
}

}  // namespace pol::api
