// AllowLoopback: a test fixture member (or a local) that lets this process's outgoing requests reach
// loopback peers (127.0.0.0/8 and ::1) for its lifetime, and restores the previous outbound-address
// policy afterwards. Tests that talk to testing::LoopbackHttpPeer or a loopback SMTP server hold one.
//
// Thread-safety: swaps the process-wide policy (net/outbound_guard.h); create it on the test thread.
#pragma once

#include <utility>
#include <vector>

#include "net/outbound_guard.h"

namespace pol::net::testing {

class AllowLoopback {
 public:
  AllowLoopback() : previous_(OutboundPolicy()) {
    std::vector<Cidr> allow = previous_;
    allow.push_back(*ParseCidr("127.0.0.0/8"));
    allow.push_back(*ParseCidr("::1/128"));
    SetOutboundPolicy(std::move(allow));
  }
  ~AllowLoopback() { SetOutboundPolicy(std::move(previous_)); }
  AllowLoopback(const AllowLoopback&) = delete;
  AllowLoopback& operator=(const AllowLoopback&) = delete;

 private:
  std::vector<Cidr> previous_;
};

}  // namespace pol::net::testing
