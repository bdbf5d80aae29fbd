// Unit tests of the one outgoing-HTTP client: the handle policy (protocols, redirects, size caps,
// timeouts, user agent) and the blocking client, against a real HTTP peer on loopback.
#include "net/http_client.h"

#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <thread>

#include "net/smtp_client.h"
#include "net/testing/allow_loopback.h"
#include "net/testing/loopback_http_peer.h"

namespace pol::net {
namespace {

namespace beast = boost::beast;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Request = testing::LoopbackHttpPeer::Request;
using Response = testing::LoopbackHttpPeer::Response;

using Peer = testing::LoopbackHttpPeer;

// These tests talk to loopback peers: allowed for the whole binary (outbound_guard_test covers refusal).
const testing::AllowLoopback kAllowLoopback;

Response Answer(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {}) {
  Response r{static_cast<beast::http::status>(status), 11};
  for (const auto& [k, v] : headers) r.set(k, v);
  r.body() = std::move(body);
  return r;
}

TEST(HttpSend, PostsBodyAndHeadersAndReadsTheAnswer) {
  Peer peer([](const Request&) { return Answer(429, R"({"ok":false})", {{"Retry-After", " 7 "}}); });
  HttpResult r = HttpSend({.url = peer.base() + "/bot1/sendMessage",
                           .body = R"({"text":"سلام"})",
                           .headers = {{"X-Pol-Delivery", "99"}}});
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.curl_code, CURLE_OK);
  EXPECT_EQ(r.body, R"({"ok":false})");
  EXPECT_EQ(r.Header("retry-after"), "7");
  EXPECT_EQ(r.Header("x-missing"), "");
  auto got = peer.received();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].method(), beast::http::verb::post);
  EXPECT_EQ(got[0].target(), "/bot1/sendMessage");
  EXPECT_EQ(got[0].body(), R"({"text":"سلام"})");
  EXPECT_EQ(std::string(got[0][beast::http::field::content_type]), "application/json");
  EXPECT_EQ(std::string(got[0]["X-Pol-Delivery"]), "99");
  EXPECT_EQ(std::string(got[0][beast::http::field::user_agent]), kUserAgent);
  EXPECT_EQ(got[0].count(beast::http::field::expect), 0u) << "no Expect: 100-continue round trip";
}

TEST(HttpSend, GetAndCustomUserAgent) {
  Peer peer([](const Request& q) { return Answer(200, std::string(q.target())); });
  HttpRequest req{.method = "GET", .url = peer.base() + "/x?y=1"};
  req.limits.user_agent = "Pol/1 (test)";
  HttpResult r = HttpSend(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "/x?y=1");
  EXPECT_EQ(std::string(peer.received()[0][beast::http::field::user_agent]), "Pol/1 (test)");
}

TEST(HttpSend, RedirectsAreNotFollowedUnlessAllowed) {
  Peer peer([](const Request& q) {
    if (q.target() == "/final") return Answer(200, "here");
    return Answer(302, "", {{"Location", "/final"}});
  });
  HttpResult r = HttpSend({.method = "GET", .url = peer.base() + "/start"});
  EXPECT_EQ(r.status, 302) << "the 3xx is the answer";
  EXPECT_EQ(r.Header("location"), "/final");
  HttpRequest follow{.method = "GET", .url = peer.base() + "/start"};
  follow.limits.max_redirects = 3;
  r = HttpSend(follow);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "here");
  EXPECT_EQ(r.Header("location"), "") << "headers are the last response's";
}

TEST(HttpSend, RedirectLoopStopsAtTheLimit) {
  Peer peer([](const Request&) { return Answer(302, "", {{"Location", "/again"}}); });
  HttpRequest req{.method = "GET", .url = peer.base() + "/"};
  req.limits.max_redirects = 2;
  HttpResult r = HttpSend(req);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_TOO_MANY_REDIRECTS);
}

TEST(HttpSend, OnlyHttpAndHttpsEvenOnRedirect) {
  HttpResult r = HttpSend({.method = "GET", .url = "file:///etc/hostname"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_UNSUPPORTED_PROTOCOL);
  r = HttpSend({.method = "GET", .url = "gopher://127.0.0.1:9/"});
  EXPECT_EQ(r.curl_code, CURLE_UNSUPPORTED_PROTOCOL);
  Peer peer([](const Request&) { return Answer(302, "", {{"Location", "file:///etc/hostname"}}); });
  HttpRequest req{.method = "GET", .url = peer.base() + "/"};
  req.limits.max_redirects = 3;
  r = HttpSend(req);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_UNSUPPORTED_PROTOCOL);
  EXPECT_TRUE(r.body.empty());
}

TEST(HttpSend, BodyCapStopsTheTransfer) {
  Peer peer([](const Request&) { return Answer(200, std::string(64 * 1024, 'x')); });
  HttpRequest req{.method = "GET", .url = peer.base() + "/big"};
  req.limits.max_response_bytes = 1024;
  HttpResult r = HttpSend(req);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.too_large);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.error.find("1024"), std::string::npos) << r.error;
  req.limits.max_response_bytes = 1 << 20;
  r = HttpSend(req);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body.size(), 64u * 1024);
}

TEST(HttpSend, TimeoutAndUnreachable) {
  Peer slow([](const Request&) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    return Answer(200, "late");
  });
  HttpRequest req{.method = "GET", .url = slow.base() + "/"};
  req.limits.timeout_ms = 300;
  HttpResult r = HttpSend(req);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_FALSE(r.error.empty());

  std::string base;
  {
    Peer gone([](const Request&) { return Answer(200, ""); });
    base = gone.base();
  }
  r = HttpSend({.url = base + "/"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.curl_code, CURLE_COULDNT_CONNECT);
  EXPECT_FALSE(r.error.empty());
}

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

// The multi fetcher configures its own easy handles with ConfigureHandle: the policy holds there too.
TEST(ConfigureHandle, AppliesThePolicyToAnyEasyHandle) {
  EnsureCurlInit();
  Peer peer([](const Request&) { return Answer(200, std::string(8192, 'y')); });
  CURL* h = curl_easy_init();
  ASSERT_NE(h, nullptr);
  ConfigureHandle(h, {.max_response_bytes = 1000, .user_agent = "PolMonitor/0.1"});
  const std::string url = peer.base() + "/page";
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, Discard);
  EXPECT_EQ(curl_easy_perform(h), CURLE_FILESIZE_EXCEEDED) << "the Content-Length is over the cap";
  EXPECT_EQ(std::string(peer.received().at(0)[beast::http::field::user_agent]), "PolMonitor/0.1");

  curl_easy_reset(h);
  ConfigureHandle(h, {});
  curl_easy_setopt(h, CURLOPT_URL, "dict://127.0.0.1:9/");
  EXPECT_EQ(curl_easy_perform(h), CURLE_UNSUPPORTED_PROTOCOL);

  curl_easy_reset(h);
  ConfigureHandle(h, {.protocols = Protocols::kMail});
  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  EXPECT_EQ(curl_easy_perform(h), CURLE_UNSUPPORTED_PROTOCOL) << "a mail handle speaks only smtp/smtps";
  curl_easy_cleanup(h);
}

TEST(SendMail, RefusesNonSmtpUrlsAndReportsUnreachable) {
  MailResult r = SendMail({.url = "http://127.0.0.1:9/", .from = "a@x.ir", .to = "b@x.ir", .raw = "x"});
  EXPECT_EQ(r.curl_code, CURLE_UNSUPPORTED_PROTOCOL);
  std::string port;
  {
    Peer gone([](const Request&) { return Answer(200, ""); });
    port = gone.base().substr(gone.base().rfind(':') + 1);
  }
  r = SendMail(
      {.url = "smtp://127.0.0.1:" + port, .tls = "none", .from = "a@x.ir", .to = "b@x.ir", .raw = "x"});
  EXPECT_EQ(r.curl_code, CURLE_COULDNT_CONNECT);
  EXPECT_FALSE(r.error.empty());
}

}  // namespace
}  // namespace pol::net
