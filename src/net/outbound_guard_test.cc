// The outbound-address guard: the CIDR matcher and the classification as tables, then real requests to
// loopback peers — refused without an allowance, allowed with one, and a redirect from an allowed host
// to a refused one refused (127.0.0.2 stands in for the internal host).
#include "net/outbound_guard.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "net/http_client.h"
#include "net/smtp_client.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"

namespace pol::net {
namespace {

using Peer = testing::LoopbackHttpPeer;
using Request = Peer::Request;
using Response = Peer::Response;

Response Answer(int status, std::string body, std::string location = "") {
  Response r{static_cast<boost::beast::http::status>(status), 11};
  if (!location.empty()) r.set(boost::beast::http::field::location, location);
  r.body() = std::move(body);
  return r;
}

// Sets a policy for the test's lifetime and restores the empty one.
struct Policy {
  explicit Policy(const std::string& list) { SetOutboundPolicy(*ParseCidrList(list)); }
  ~Policy() { SetOutboundPolicy({}); }
};

TEST(OutboundGuard, ParsesCidrs) {
  struct Row {
    std::string text;
    bool ok;
  };
  const std::vector<Row> rows = {
      {"10.0.0.0/8", true},    {"127.0.0.1", true},    {" 192.168.1.0/24 ", true}, {"::1", true},
      {"fd00::/8", true},      {"[::1]/128", true},    {"0.0.0.0/0", true},        {"::/0", true},
      {"10.0.0.0/33", false},  {"::/129", false},      {"10.0.0/8", false},        {"10.0.0.0/", false},
      {"10.0.0.0/-1", false},  {"10.0.0.0/8x", false}, {"example.ir", false},      {"", false},
      {"fe80::1%eth0", false}, {"1.2.3.4/1000", false}};
  for (const Row& r : rows) {
    auto c = ParseCidr(r.text);
    EXPECT_EQ(c.ok(), r.ok) << r.text;
    if (!c.ok()) {
      EXPECT_EQ(c.status().api_code(), "invalid_cidr") << r.text;
    }
  }
  auto list = ParseCidrList(" 127.0.0.0/8, ,::1 ,10.1.0.0/16");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), 3u);
  EXPECT_TRUE(ParseCidrList("").ok());
  EXPECT_TRUE(ParseCidrList("")->empty());
  EXPECT_FALSE(ParseCidrList("127.0.0.0/8,nonsense").ok());
}

TEST(OutboundGuard, CidrContains) {
  struct Row {
    std::string cidr, ip;
    bool in;
  };
  const std::vector<Row> rows = {
      {"10.0.0.0/8", "10.255.1.2", true},
      {"10.0.0.0/8", "11.0.0.1", false},
      {"10.1.2.3/8", "10.9.9.9", true},  // host bits are masked
      {"127.0.0.1/32", "127.0.0.1", true},
      {"127.0.0.1/32", "127.0.0.2", false},
      {"127.0.0.0/8", "::ffff:127.0.0.5", true},  // an IPv4 CIDR matches the mapped form
      {"127.0.0.0/8", "::1", false},
      {"::1", "::1", true},
      {"fd00::/8", "fd12:3456::1", true},
      {"fd00::/8", "fe80::1", false},
      {"100.64.0.0/10", "100.127.255.255", true},
      {"100.64.0.0/10", "100.128.0.0", false},
      {"0.0.0.0/0", "8.8.8.8", true},
      {"0.0.0.0/0", "2001:4860::8888", false},
  };
  for (const Row& r : rows) {
    auto c = ParseCidr(r.cidr);
    auto ip = ParseIp(r.ip);
    ASSERT_TRUE(c.ok() && ip) << r.cidr << " " << r.ip;
    EXPECT_EQ(c->Contains(*ip), r.in) << r.cidr << " ∋ " << r.ip;
  }
}

TEST(OutboundGuard, ClassifiesAddresses) {
  struct Row {
    std::string ip;
    std::string cls;
  };
  const std::vector<Row> rows = {
      {"8.8.8.8", "public"},
      {"185.143.232.1", "public"},
      {"2001:4860:4860::8888", "public"},
      {"0.0.0.0", "this_network"},
      {"0.1.2.3", "this_network"},
      {"::", "this_network"},
      {"127.0.0.1", "loopback"},
      {"127.255.255.254", "loopback"},
      {"::1", "loopback"},
      {"::ffff:127.0.0.1", "loopback"},
      {"::ffff:7f00:1", "loopback"},
      {"64:ff9b::127.0.0.1", "loopback"},
      {"2002:7f00:1::1", "loopback"},  // 6to4 of 127.0.0.1
      {"10.0.0.1", "private"},
      {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},
      {"172.32.0.1", "public"},
      {"192.168.1.1", "private"},
      {"::ffff:192.168.1.1", "private"},
      {"::ffff:10.0.0.1", "private"},
      {"64:ff9b:1::1", "private"},
      {"100.64.0.1", "cgnat"},
      {"100.127.0.1", "cgnat"},
      {"100.128.0.1", "public"},
      {"169.254.169.254", "link_local"},
      {"::ffff:169.254.169.254", "link_local"},
      {"fe80::1", "link_local"},
      {"febf::1", "link_local"},
      {"fc00::1", "unique_local"},
      {"fd12:3456::1", "unique_local"},
      {"fec0::1", "unique_local"},
      {"224.0.0.1", "multicast"},
      {"239.255.255.250", "multicast"},
      {"ff02::1", "multicast"},
      {"240.0.0.1", "reserved"},
      {"255.255.255.255", "reserved"},
      {"192.0.0.8", "reserved"},
      {"192.0.2.1", "reserved"},
      {"198.18.0.1", "reserved"},
      {"198.51.100.1", "reserved"},
      {"203.0.113.1", "reserved"},
      {"2001:db8::1", "reserved"},
      {"2001:0:4136:e378::1", "reserved"},  // Teredo
      {"::127.0.0.1", "reserved"},          // IPv4-compatible
      {"100::1", "reserved"},
  };
  for (const Row& r : rows) {
    auto ip = ParseIp(r.ip);
    ASSERT_TRUE(ip) << r.ip;
    EXPECT_EQ(AddressClassName(Classify(*ip)), r.cls) << r.ip;
  }
}

TEST(OutboundGuard, PolicyAllowsOnlyWhatItNames) {
  EXPECT_TRUE(OutboundAllowed(*ParseIp("8.8.8.8")));
  EXPECT_FALSE(OutboundAllowed(*ParseIp("127.0.0.1")));
  EXPECT_FALSE(OutboundAllowed(*ParseIp("::ffff:127.0.0.1")));
  {
    Policy p("127.0.0.1/32, 10.1.0.0/16");
    EXPECT_TRUE(OutboundAllowed(*ParseIp("127.0.0.1")));
    EXPECT_TRUE(OutboundAllowed(*ParseIp("::ffff:127.0.0.1")));
    EXPECT_FALSE(OutboundAllowed(*ParseIp("127.0.0.2")));
    EXPECT_FALSE(OutboundAllowed(*ParseIp("::1")));
    EXPECT_TRUE(OutboundAllowed(*ParseIp("10.1.2.3")));
    EXPECT_FALSE(OutboundAllowed(*ParseIp("10.2.0.1")));
  }
  EXPECT_FALSE(OutboundAllowed(*ParseIp("10.1.2.3")));
}

TEST(OutboundGuard, UrlHostAndLoopbackHosts) {
  EXPECT_EQ(UrlHost("https://API.Telegram.org/bot1/x"), "api.telegram.org");
  EXPECT_EQ(UrlHost("http://user:pw@127.0.0.1:8080/x?y"), "127.0.0.1");
  EXPECT_EQ(UrlHost("smtp://[::1]:25"), "::1");
  EXPECT_EQ(UrlHost("smtps://mail.example.ir"), "mail.example.ir");
  EXPECT_EQ(UrlHost("http://evil.example@127.0.0.1/"), "127.0.0.1");
  EXPECT_EQ(UrlHost("nonsense"), "");
  EXPECT_TRUE(IsLoopbackHost("localhost"));
  EXPECT_TRUE(IsLoopbackHost("127.0.0.9"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("localhost.example.ir"));
  EXPECT_FALSE(IsLoopbackHost("mail.example.ir"));
}

TEST(OutboundGuard, RefusesALoopbackPeerWithoutTheAllowance) {
  Peer peer([](const Request&) { return Answer(200, "secret page"); });
  HttpResult r = HttpSend({.method = "GET", .url = peer.base() + "/admin"});
  EXPECT_TRUE(r.refused);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.error, kOutboundRefused) << "never curl's text";
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(peer.received().empty()) << "nothing reached the peer";

  // Written as an IPv4-mapped IPv6 address, and as localhost: refused all the same.
  const std::string port = std::to_string(peer.port());
  r = HttpSend({.method = "GET", .url = "http://[::ffff:127.0.0.1]:" + port + "/"});
  EXPECT_TRUE(r.refused);
  r = HttpSend({.method = "GET", .url = "http://localhost:" + port + "/"});
  EXPECT_TRUE(r.refused);
  EXPECT_TRUE(peer.received().empty());

  // A closed port answers exactly the same (the guard refuses before connecting: no port scanning).
  std::string gone_base;
  {
    Peer gone([](const Request&) { return Answer(200, ""); });
    gone_base = gone.base();
  }
  HttpResult closed = HttpSend({.method = "GET", .url = gone_base + "/"});
  EXPECT_TRUE(closed.refused);
  EXPECT_EQ(closed.error, r.error);
  EXPECT_EQ(closed.curl_code, r.curl_code);
}

TEST(OutboundGuard, AllowsALoopbackPeerWithTheAllowance) {
  Peer peer([](const Request&) { return Answer(200, "hello"); });
  {
    testing::AllowLoopback allow;
    HttpResult r = HttpSend({.method = "GET", .url = peer.base() + "/"});
    EXPECT_FALSE(r.refused);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, "hello");
  }
  EXPECT_EQ(peer.received().size(), 1u);
  HttpResult r = HttpSend({.method = "GET", .url = peer.base() + "/"});
  EXPECT_TRUE(r.refused) << "the allowance ended with its scope";
  EXPECT_EQ(peer.received().size(), 1u);
}

TEST(OutboundGuard, ARedirectToARefusedAddressIsRefused) {
  Peer internal([](const Request&) { return Answer(200, "internal secret"); }, "127.0.0.2");
  const std::string target = internal.base() + "/metadata";
  Peer allowed([&](const Request&) { return Answer(302, "", target); });
  Policy p("127.0.0.1/32");
  HttpRequest req{.method = "GET", .url = allowed.base() + "/feed"};
  req.limits.max_redirects = 5;
  HttpResult r = HttpSend(req);
  EXPECT_TRUE(r.refused);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(allowed.received().size(), 1u) << "the allowed host was asked";
  EXPECT_TRUE(internal.received().empty()) << "the redirect target was never reached";

  // The same internal peer directly: refused; with it allowed too, the redirect is followed.
  EXPECT_TRUE(HttpSend({.method = "GET", .url = target}).refused);
  Policy both("127.0.0.1/32,127.0.0.2/32");
  r = HttpSend(req);
  EXPECT_FALSE(r.refused);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "internal secret");
}

TEST(OutboundGuard, MultiHandlesAndMailPassTheGuard) {
  EnsureCurlInit();
  Peer peer([](const Request&) { return Answer(200, "page"); });
  CURL* h = curl_easy_init();
  ASSERT_NE(h, nullptr);
  ConfigureHandle(h, {});
  const std::string url = peer.base() + "/";
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  EXPECT_NE(curl_easy_perform(h), CURLE_OK);
  EXPECT_TRUE(TakeOutboundRefusal(h));
  EXPECT_FALSE(TakeOutboundRefusal(h)) << "taken once";
  curl_easy_cleanup(h);
  EXPECT_TRUE(peer.received().empty());

  MailResult m = SendMail({.url = "smtp://127.0.0.1:" + std::to_string(peer.port()),
                           .tls = "none",
                           .from = "a@x.ir",
                           .to = "b@x.ir",
                           .raw = "x"});
  EXPECT_TRUE(m.refused);
  EXPECT_EQ(m.error, kOutboundRefused);
  EXPECT_TRUE(peer.received().empty());
}

TEST(OutboundGuard, SmtpNeverSendsAPasswordInTheClear) {
  // "tls" with smtp:// would do no TLS at all; "none" with a username sends AUTH in the clear. Both are
  // refused before connecting for a host that is not loopback.
  MailResult m = SendMail({.url = "smtp://mail.example.invalid:587",
                           .tls = "tls",
                           .username = "u",
                           .password = "p",
                           .from = "a@x.ir",
                           .to = "b@x.ir",
                           .raw = "x"});
  EXPECT_EQ(m.error, "insecure_smtp");
  EXPECT_EQ(m.curl_code, CURLE_USE_SSL_FAILED);
  m = SendMail({.url = "smtp://mail.example.invalid:25",
                .tls = "none",
                .username = "u",
                .password = "p",
                .from = "a@x.ir",
                .to = "b@x.ir",
                .raw = "x"});
  EXPECT_EQ(m.error, "insecure_smtp");
}

}  // namespace
}  // namespace pol::net
