// Evidence on a decision's follow-up entries (committee/evidence.h): upload (the raw file is the body, its
// name in ?filename=), the list, the download.
#include "api/json_io.h"
#include "api/routes.h"
#include "committee/evidence.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json EvidenceJson(const store::CommitteeEvidence& e) {
  return Json{{"id", e.id},
              {"decision_id", e.decision_id},
              {"followup_id", e.followup_id},
              {"content_type", e.mime},
              {"filename", e.filename},
              {"bytes", e.size_bytes},
              {"user_id", OptJson(e.user_id)},
              {"created_at", e.created_at}};
}

std::string Extension(const std::string& mime) {
  if (mime == "application/pdf") return ".pdf";
  if (mime == "image/png") return ".png";
  if (mime == "image/webp") return ".webp";
  return ".jpg";
}

}  // namespace

void RegisterCommitteeEvidenceRoutes(http::Router& r, const Services& s) {
  committee::EvidenceService* evidence = s.committee_evidence;
  r.Add(V::post, "/api/v1/committee-decisions/{id}/followups/{fid}/evidence", Access::kSession,
        [evidence](Request& req) {
          POL_TRY(int64_t id, req.IdParam());
          POL_TRY(int64_t fid, req.IdParam("fid"));
          const std::string filename = req.Query("filename").value_or("");
          POL_TRY(auto e, evidence->Upload(ActorOf(req), id, fid, filename, req.body));
          return Response::MakeJson(EvidenceJson(e), 201);
        },
        {.body_limit = committee::kEvidenceMaxBytes});
  r.Add(V::get, "/api/v1/committee-decisions/{id}/evidence", Access::kSession, [evidence](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(auto list, evidence->List(ActorOf(req), id));
    Json items = Json::array();
    for (const auto& e : list) items.push_back(EvidenceJson(e));
    return Response::MakeJson(Json{{"items", items}});
  });
  r.Add(
      V::get, "/api/v1/committee-decisions/{id}/evidence/{eid}", Access::kSession, [evidence](Request& req) {
        POL_TRY(int64_t id, req.IdParam());
        POL_TRY(int64_t eid, req.IdParam("eid"));
        POL_TRY(auto got, evidence->Download(ActorOf(req), id, eid));
        Response out = Response::Text(std::move(got.second), got.first.mime);
        // The stored name may be Persian: the header carries an ASCII name; the console shows the real one.
        out.With("Content-Disposition",
                 "attachment; filename=\"evidence-" + std::to_string(eid) + Extension(got.first.mime) + "\"");
        out.With("Cache-Control", "private, no-store");
        out.With("X-Content-Type-Options", "nosniff");
        return out;
      });
}

}  // namespace pol::api
