// Issue #17 finding 3: a peer that trickles bytes (under the stall timeout, inside the per-page timeout)
// cannot hold a monitoring fetch past the batch budget. The peer here would finish its answer after
// 20 s; with a 1.5 s budget every page of the batch fails with fetch_timeout instead of waiting for it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "monitor/fetcher.h"
#include "net/testing/allow_loopback.h"

namespace pol::monitor {
namespace {

// The trickling peer is on loopback, which the outbound-address guard refuses by default.
const net::testing::AllowLoopback kAllowLoopback;

// Answers each connection with headers, then one byte every 100 ms; completes the body after 20 s.
class TricklePeer {
 public:
  TricklePeer() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    accept_ = std::thread([this] {
      for (;;) {
        int c = accept(fd_, nullptr, nullptr);
        if (c < 0 || stop_) {
          if (c >= 0) close(c);
          return;
        }
        conns_.emplace_back([this, c] { Serve(c); });
      }
    });
  }
  ~TricklePeer() {
    stop_ = true;
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    accept_.join();
    for (auto& t : conns_) t.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  int served() const { return served_; }

 private:
  void Serve(int c) {
    ++served_;
    char buf[4096];
    (void)!read(c, buf, sizeof buf);
    const int kBytes = 200;  // 200 × 100 ms = 20 s
    const std::string head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + std::to_string(kBytes) +
        "\r\nConnection: close\r\n\r\n";
    bool ok = send(c, head.data(), head.size(), MSG_NOSIGNAL) > 0;
    for (int i = 0; ok && i < kBytes && !stop_; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      ok = send(c, "x", 1, MSG_NOSIGNAL) == 1;
    }
    close(c);
  }
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> served_{0};
  std::thread accept_;
  std::vector<std::thread> conns_;  // touched by the accept thread only, joined after it ended
};

TEST(FetcherBudgetTest, ATricklingPeerCannotHoldABatchPastItsBudget) {
  TricklePeer peer;
  FetcherOptions o;
  o.timeout_ms = 10 * 60 * 1000;  // the per-page cap is not what ends this
  o.stall_timeout_ms = 15000;     // one byte per 100 ms is not a stall
  o.batch_budget_ms = 1500;
  o.per_host_interval_ms = 0;
  o.honor_robots = false;
  CurlFetcher fetcher(o);
  std::vector<FetchResult> got = fetcher.FetchAll({{peer.Url("/a"), "", ""}, {peer.Url("/b"), "", ""}});
  ASSERT_EQ(got.size(), 2u);
  for (const auto& r : got) {
    EXPECT_EQ(r.status.api_code(), "fetch_timeout") << r.url << ": " << r.status.ToString();
    EXPECT_TRUE(r.body.empty());
  }
  EXPECT_GE(peer.served(), 1);  // the first page was being trickled when the budget ran out
}

}  // namespace
}  // namespace pol::monitor
