#include "http/client_address.h"

#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <sstream>

#include "http/pipeline.h"

namespace pol::http {
namespace {

namespace ip = boost::asio::ip;

NetworkList Nets(std::string_view text) {
  auto n = NetworkList::Parse(text);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : NetworkList();
}

boost::beast::http::fields Headers(std::initializer_list<std::pair<const char*, const char*>> hs) {
  boost::beast::http::fields f;
  for (auto [k, v] : hs) f.insert(k, v);
  return f;
}

TEST(NetworkList, ParsesCidrsAndMatches) {
  NetworkList n = Nets("10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1");
  EXPECT_TRUE(n.Contains(ip::make_address("10.200.3.4")));
  EXPECT_FALSE(n.Contains(ip::make_address("11.0.0.1")));
  EXPECT_TRUE(n.Contains(ip::make_address("192.168.1.7")));
  EXPECT_FALSE(n.Contains(ip::make_address("192.168.1.8")));
  EXPECT_TRUE(n.Contains(ip::make_address("fd12:3456::1")));
  EXPECT_TRUE(n.Contains(ip::make_address("::1")));
  EXPECT_TRUE(n.Contains(ip::make_address("::ffff:10.1.2.3"))) << "IPv4-mapped matches as IPv4";
  EXPECT_TRUE(Nets("").empty());
  EXPECT_TRUE(Nets("0.0.0.0/0").Contains(ip::make_address("8.8.8.8")));
  for (const char* bad : {"10.0.0.0/33", "nonsense", "10.0.0.0/", "fd00::/129", "1.2.3.4/x"}) {
    auto r = NetworkList::Parse(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().api_code(), "invalid_cidr");
  }
}

TEST(ClientAddress, ForwardedHeadersOnlyFromTrustedProxies) {
  const auto proxy = ip::make_address("127.0.0.1");
  const auto h = Headers({{"X-Forwarded-For", "6.6.6.6, 203.0.113.9"}});
  EXPECT_EQ(ClientAddress(proxy, h, NetworkList()), "127.0.0.1") << "nobody is trusted by default";
  EXPECT_EQ(ClientAddress(ip::make_address("198.51.100.1"), h, Nets("127.0.0.1/32")), "198.51.100.1")
      << "an untrusted peer's header is ignored";
  EXPECT_EQ(ClientAddress(proxy, h, Nets("127.0.0.1/32")), "203.0.113.9") << "rightmost untrusted";
  // A chain of trusted proxies is walked from the right; a spoofed leftmost entry never wins.
  const auto chain = Headers({{"X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.0.0.5"}});
  EXPECT_EQ(ClientAddress(proxy, chain, Nets("127.0.0.1/32,10.0.0.0/8")), "203.0.113.9");
  // Several header lines are one list.
  auto two = Headers({{"X-Forwarded-For", "6.6.6.6"}, {"X-Forwarded-For", "203.0.113.10"}});
  EXPECT_EQ(ClientAddress(proxy, two, Nets("127.0.0.1")), "203.0.113.10");
  // Garbage ends the walk at the last trusted hop.
  EXPECT_EQ(ClientAddress(proxy, Headers({{"X-Forwarded-For", "not-an-ip"}}), Nets("127.0.0.1")),
            "127.0.0.1");
  EXPECT_EQ(ClientAddress(proxy, Headers({}), Nets("127.0.0.1")), "127.0.0.1");
  // Forwarded (RFC 7239) when there is no X-Forwarded-For; quoted IPv6 with a port.
  auto fwd = Headers({{"Forwarded", "for=6.6.6.6;proto=http, for=\"[2001:db8:cafe::17]:4711\";by=x"}});
  EXPECT_EQ(ClientAddress(proxy, fwd, Nets("127.0.0.1")), "2001:db8:cafe::17");
  EXPECT_EQ(ClientAddress(proxy, Headers({{"X-Forwarded-For", "203.0.113.9:5555"}}), Nets("127.0.0.1")),
            "203.0.113.9");
  EXPECT_EQ(ClientAddress(ip::make_address("::ffff:127.0.0.1"), h, Nets("127.0.0.1")), "203.0.113.9");
}

TEST(ClientAddress, RateLimitKeyGroupsIpv6By64) {
  EXPECT_EQ(RateLimitKey("203.0.113.9"), "203.0.113.9");
  EXPECT_EQ(RateLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(RateLimitKey("2001:db8:1:2::1"), RateLimitKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(RateLimitKey("2001:db8:1:2::1"), RateLimitKey("2001:db8:1:3::1"));
  EXPECT_EQ(RateLimitKey(""), "");
}

TEST(Pipeline, OpsOnlyRoutesAnswer404ToOthers) {
  Router r;
  r.Add(bhttp::verb::get, "/metrics", Access::kPublic, [](Request&) { return Response::NoContent(); },
        {.ops_only = true});
  Pipeline p(&r, nullptr);
  std::string route;
  Request req;
  req.path = "/metrics";
  EXPECT_EQ(p.Handle(req, route).status, 404);
  req.ops_client = true;
  EXPECT_EQ(p.Handle(req, route).status, 204);
}

TEST(Pipeline, FiveHundredsAreLoggedWithRouteAndCause) {
  std::ostringstream log;
  auto logger =
      std::make_shared<spdlog::logger>("capture", std::make_shared<spdlog::sinks::ostream_sink_mt>(log));
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(logger);
  Router r;
  r.Add(bhttp::verb::get, "/fail/{id}", Access::kPublic,
        [](Request&) { return Response::Error(Internal("fts5: parser stack overflow")); });
  r.Add(bhttp::verb::get, "/throw", Access::kPublic,
        [](Request&) -> Response { throw std::out_of_range("stoll"); });
  Pipeline p(&r, nullptr);
  std::string route;
  Request a;
  a.path = "/fail/7";
  a.request_id = "rid1";
  Response res = p.Handle(a, route);
  Request b;
  b.path = "/throw";
  Response thrown = p.Handle(b, route);
  spdlog::set_default_logger(previous);
  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.body.find("fts5"), std::string::npos) << "the cause stays out of the answer";
  const std::string out = log.str();
  EXPECT_NE(out.find("/fail/{id}"), std::string::npos) << out;
  EXPECT_NE(out.find("fts5: parser stack overflow"), std::string::npos) << out;
  EXPECT_EQ(thrown.status, 500);
  EXPECT_NE(out.find("stoll"), std::string::npos) << out;
}

TEST(Request, JsonBodyDepthLimit) {
  Request req;
  req.headers.set("Content-Type", "application/json");
  auto nested = [](int n) { return "{\"a\":" + std::string(n - 1, '[') + std::string(n - 1, ']') + "}"; };
  req.body = nested(kMaxJsonDepth);
  EXPECT_TRUE(req.JsonBody().ok());
  req.body = nested(kMaxJsonDepth + 1);
  EXPECT_EQ(req.JsonBody().status().api_code(), "json_too_deep");
  req.body = nested(100000);
  EXPECT_EQ(req.JsonBody().status().api_code(), "json_too_deep");
  req.body = "{\"a\":\"" + std::string(1000, '[') + "\\\"[{\"}";
  EXPECT_TRUE(req.JsonBody().ok()) << "brackets in strings (and escaped quotes) are text";
}

}  // namespace
}  // namespace pol::http
