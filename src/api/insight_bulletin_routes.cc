// /api/v1/insight/bulletin: a council's press bulletin as a file.
//   ?council_id= (required) &period=day|week|month (default day) &date=JALALI (default today)
//   &format=pdf|xlsx|html (default pdf)
// Who: whoever may see the council's dashboard (insight/insight_policy.h). PDF and XLSX come as
// attachments, HTML inline (the e-mail's body as it will be sent).
#include "api/insight_bulletin_routes.h"

#include "api/json_io.h"

namespace pol::api {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

void RegisterInsightBulletinRoutes(http::Router& r, const insight::BulletinService* bulletins) {
  r.Add(V::get, "/api/v1/insight/bulletin", Access::kSession, [bulletins](Request& req) {
    POL_TRY(std::optional<int64_t> council, QueryId(req, "council_id"));
    if (!council)
      return Response::Error(InvalidArgument("missing_field", "شورا (council_id) را بدهید.", "council_id"));
    const std::string format = QueryFilter(req, "format").value_or("pdf");
    insight::BulletinRequest q{*council, QueryFilter(req, "period").value_or("day"),
                               QueryFilter(req, "date")};
    POL_TRY(insight::BulletinFile f, bulletins->Render(ActorOf(req), q, format));
    Response out = Response::Text(std::move(f.bytes), f.content_type);
    out.With("Content-Disposition",
             std::string(format == "html" ? "inline" : "attachment") + "; filename=\"" + f.file_name + "\"");
    return out;
  });
}

}  // namespace pol::api
