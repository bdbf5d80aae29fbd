// The media library: /api/v1/media (upload, list, one item) and the image
// files at /media/{id}/{large|thumb}.
#include <algorithm>
#include <cctype>

#include "api/json_io.h"
#include "api/routes.h"
#include "http/pipeline.h"
#include "media/images.h"
#include "media/media.h"

namespace pol::api {
namespace {

using http::Access;
using http::Request;
using http::Response;
using V = http::bhttp::verb;

Json MediaJson(const media::MediaItem& m) {
  const std::string base = "/media/" + std::to_string(m.id) + "/";
  return Json{{"id", m.id},
              {"agency_id", m.agency_id},
              {"uploaded_by", m.uploaded_by ? Json(*m.uploaded_by) : Json()},
              {"content_type", m.content_type},
              {"width", m.width},
              {"height", m.height},
              {"bytes", m.bytes},
              {"caption", m.caption},
              {"urls", {{"large", base + "large"}, {"thumb", base + "thumb"}}},
              {"created_at", m.created_at}};
}

// Does If-None-Match name this (strong) ETag? Weak comparison, as RFC 9110 asks for GET.
bool NotModified(const Request& req, const std::string& etag) {
  std::string inm = req.Header("If-None-Match");
  if (inm.empty()) return false;
  size_t i = 0;
  while (i < inm.size()) {
    size_t j = inm.find(',', i);
    if (j == std::string::npos) j = inm.size();
    std::string tag = inm.substr(i, j - i);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag == "*" || tag == etag) return true;
    i = j + 1;
  }
  return false;
}

}  // namespace

void RegisterMediaRoutes(http::Router& r, const Services& s) {
  // Upload: the raw image is the body (Content-Type image/*); agency and caption in the query.
  r.Add(V::post, "/api/v1/media", Access::kSession,
        [s](Request& req) {
          POL_TRY(auto agency_id, QueryId(req, "agency_id"));
          if (!agency_id)
            return Response::Error(InvalidArgument("required", "دستگاه را مشخص کنید.", "agency_id"));
          const std::string caption = req.Query("caption").value_or("");
          if (caption.size() > 4000) {
            return Response::Error(InvalidArgument("too_long", "زیرنویس عکس بلند است.", "caption"));
          }
          if (!req.MediaType().starts_with("image/")) {
            return Response::Error(
                InvalidArgument("unsupported_media_type",
                                "بدنهٔ درخواست باید خود عکس باشد (نوع محتوای image/jpeg، image/png، "
                                "image/webp یا image/gif)."));
          }
          POL_TRY(media::UploadResult up, s.media->Upload(ActorOf(req), *agency_id, caption, req.body));
          return Response::MakeJson(MediaJson(up.item), up.created ? 201 : 200)
              .With("Location", "/api/v1/media/" + std::to_string(up.item.id));
        },
        {.body_limit = media::kUploadBodyLimit});

  r.Add(V::get, "/api/v1/media", Access::kSession, [s](Request& req) {
    POL_TRY(Paging p, ParsePaging(req));
    POL_TRY(auto agency_id, QueryId(req, "agency_id"));
    if (!agency_id) return Response::Error(InvalidArgument("required", "دستگاه را مشخص کنید.", "agency_id"));
    POL_TRY(auto page, s.media->List(ActorOf(req), *agency_id, p.limit(), p.offset()));
    return Response::MakeJson(PageJson(page, p, [](const media::MediaItem& m) { return MediaJson(m); }));
  });

  r.Add(V::get, "/api/v1/media/{id}", Access::kSession, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    POL_TRY(media::MediaItem m, s.media->Get(ActorOf(req), id));
    return Response::MakeJson(MediaJson(m));
  });

  // The files: public once a public release uses the photo; before that only for the agency's staff and
  // council (by session cookie). Anything else is 404, so ids do not leak.
  r.Add(V::get, "/media/{id}/{variant}", Access::kPublic, [s](Request& req) {
    POL_TRY(int64_t id, req.IdParam());
    auto variant = media::ParseVariant(req.params["variant"]);
    if (!variant) return Response::Error(NotFound("عکس پیدا نشد."));
    std::optional<accounts::Session> session;
    if (std::string token = req.Cookie(http::kSessionCookie); !token.empty()) {
      if (auto resolved = s.sessions->Resolve(token); resolved.ok()) session = std::move(resolved).value();
    }
    POL_TRY(media::VariantFile f, s.media->Read(session ? &session->principal : nullptr, id, *variant));
    const char* cache = f.is_public ? "public, max-age=2592000" : "private, no-cache";
    Response res;
    if (NotModified(req, f.etag)) {
      res.status = 304;
      res.content_type.clear();
    } else {
      res = Response::Text(std::move(f.body), f.content_type);
    }
    res.With("ETag", f.etag).With("Cache-Control", cache);
    if (!f.is_public) res.With("Vary", "Cookie");
    return res;
  });
}

}  // namespace pol::api
