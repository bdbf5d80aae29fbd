#include <gtest/gtest.h>

#include "http/message.h"
#include "http/metrics.h"
#include "http/pipeline.h"
#include "http/router.h"

namespace pol::http {
namespace {

TEST(Router, MatchesPatternsAndParams) {
  Router r;
  r.Add(bhttp::verb::get, "/api/v1/users/{id}", Access::kPublic,
        [](Request&) { return Response::NoContent(); });
  r.Add(bhttp::verb::get, "/console/*", Access::kPublic, [](Request&) { return Response::NoContent(); });
  auto m = r.Find(bhttp::verb::get, "/api/v1/users/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params["id"], "42");
  auto head = r.Find(bhttp::verb::head, "/api/v1/users/42");
  EXPECT_NE(head.route, nullptr) << "HEAD falls back to GET";
  auto wrong_method = r.Find(bhttp::verb::post, "/api/v1/users/42");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_matched);
  EXPECT_EQ(r.Find(bhttp::verb::get, "/api/v1/users/42/x").route, nullptr);
  auto rest = r.Find(bhttp::verb::get, "/console/assets/app.js");
  ASSERT_NE(rest.route, nullptr);
  EXPECT_EQ(rest.params["*"], "assets/app.js");
}

TEST(Router, PerRouteBodyLimit) {
  Router r;
  r.Add(bhttp::verb::post, "/api/v1/media", Access::kSession, [](Request&) { return Response::NoContent(); },
        {.body_limit = 12 << 20});
  r.Add(bhttp::verb::post, "/api/v1/releases", Access::kSession,
        [](Request&) { return Response::NoContent(); });
  EXPECT_EQ(r.BodyLimit(bhttp::verb::post, "/api/v1/media", 1 << 20), size_t{12 << 20});
  EXPECT_EQ(r.BodyLimit(bhttp::verb::post, "/api/v1/releases", 1 << 20), size_t{1 << 20});
  EXPECT_EQ(r.BodyLimit(bhttp::verb::get, "/api/v1/media", 1 << 20), size_t{1 << 20}) << "another method";
  EXPECT_EQ(r.BodyLimit(bhttp::verb::post, "/nowhere", 1 << 20), size_t{1 << 20});
  EXPECT_EQ(r.MaxBodyLimit(1 << 20), size_t{12 << 20});
  EXPECT_EQ(Router().MaxBodyLimit(1 << 20), size_t{1 << 20});
}

TEST(Message, QueryAndDecoding) {
  auto q = ParseQuery("q=%D8%B3%D9%84%D8%A7%D9%85&page=2&x=a+b&bad=%ZZ");
  EXPECT_EQ(q["q"], "سلام");
  EXPECT_EQ(q["page"], "2");
  EXPECT_EQ(q["x"], "a b");
  EXPECT_EQ(q.count("bad"), 0u);
  EXPECT_FALSE(UrlDecode("%4", false).has_value());
}

TEST(Message, ErrorShapeAndStatus) {
  Response r = Response::Error(InvalidArgument("invalid_mobile", "شماره نامعتبر", "mobile"));
  EXPECT_EQ(r.status, 400);
  auto j = Json::parse(r.body);
  EXPECT_EQ(j["error"]["code"], "invalid_mobile");
  EXPECT_EQ(j["error"]["field"], "mobile");
  Response internal = Response::Error(Internal("secret detail"));
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(internal.body.find("secret"), std::string::npos) << "internal details stay in logs";
  EXPECT_EQ(HttpStatusFor(FailedPrecondition("version_conflict", "x")), 409);
  EXPECT_EQ(HttpStatusFor(InvalidArgument("unsupported_image", "x")), 415);
  EXPECT_EQ(HttpStatusFor(InvalidArgument("image_too_large", "x")), 413);
}

TEST(Request, CookiesAndJsonBody) {
  Request req;
  req.headers.set("Cookie", "a=1; pol_session=tok; b=2");
  EXPECT_EQ(req.Cookie("pol_session"), "tok");
  EXPECT_EQ(req.Cookie("missing"), "");
  req.body = "{\"x\":1}";
  EXPECT_EQ(req.JsonBody().status().api_code(), "unsupported_media_type");
  req.headers.set("Content-Type", "application/json; charset=utf-8");
  EXPECT_TRUE(req.JsonBody().ok());
  req.body = "[1]";
  EXPECT_EQ(req.JsonBody().status().api_code(), "malformed_json");
  req.body = "{bad";
  EXPECT_EQ(req.JsonBody().status().api_code(), "malformed_json");
}

TEST(Pipeline, PublicRoutesAndSecurityHeaders) {
  Router r;
  r.Add(bhttp::verb::post, "/open", Access::kPublic, [](Request&) {
    return Response::MakeJson({{"ok", true}});
  });
  r.Add(bhttp::verb::get, "/closed", Access::kSession, [](Request&) { return Response::NoContent(); });
  Pipeline p(&r, nullptr);  // no session lookups happen without a cookie
  std::string route;
  Request ok;
  ok.method = bhttp::verb::post;
  ok.path = "/open";
  Response res = p.Handle(ok, route);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(route, "/open");
  bool has_csp = false, has_nosniff = false;
  for (auto& [k, v] : res.headers) {
    has_csp |= k == "Content-Security-Policy";
    has_nosniff |= k == "X-Content-Type-Options" && v == "nosniff";
  }
  EXPECT_TRUE(has_csp && has_nosniff);

  Request foreign = ok;
  foreign.headers.set("Origin", "https://evil.example");
  foreign.headers.set("Host", "127.0.0.1:8080");
  EXPECT_EQ(p.Handle(foreign, route).status, 403) << "cross-origin POST refused";

  Request closed;
  closed.path = "/closed";
  EXPECT_EQ(p.Handle(closed, route).status, 401);
  Request missing;
  missing.path = "/nowhere";
  EXPECT_EQ(p.Handle(missing, route).status, 404);
  Request wrong = closed;
  wrong.method = bhttp::verb::delete_;
  EXPECT_EQ(p.Handle(wrong, route).status, 405);
}

TEST(Metrics, PrometheusText) {
  Metrics m;
  m.Observe("/api/v1/users", "GET", 200, 0.003);
  m.Observe("/api/v1/users", "GET", 200, 0.2);
  m.AddGauge("pol_test_gauge", "A test gauge.", [] { return 7.0; });
  std::string text = m.Render();
  EXPECT_NE(text.find("pol_http_requests_total{route=\"/api/v1/users\",method=\"GET\",status=\"2xx\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("le=\"0.005\"} 1"), std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 2"), std::string::npos);
  EXPECT_NE(text.find("pol_test_gauge 7"), std::string::npos);
}

}  // namespace
}  // namespace pol::http
