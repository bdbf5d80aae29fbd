// Who the client is: the one place that decides a request's client address and the key its
// throttles count under.
//
//   NetworkList   a set of CIDRs (net::Cidr, parsed by net::ParseCidrList) ("10.0.0.0/8, ::1, fd00::/8"; a bare address is a /32 or /128),
//                 parsed from a setting (trusted_proxies, metrics_allow). IPv4-mapped IPv6 addresses
//                 (::ffff:a.b.c.d) match as the IPv4 address they are.
//   ClientAddress the TCP peer — unless the peer is a trusted proxy: then the rightmost address of
//                 X-Forwarded-For that is not itself a trusted proxy (or, without X-Forwarded-For,
//                 the same walk over Forwarded's for= parameters, RFC 7239). A forwarded entry that
//                 is not an address ends the walk at the last trusted hop. With no trusted proxies
//                 (the default) forwarded headers are never believed.
//   RateLimitKey  the address for IPv4; the /64 ("2001:db8:1:2::/64") for IPv6, since one client
//                 usually holds a whole /64.
//
// Thread-safety: NetworkList is immutable after parsing; the functions are pure.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <boost/beast/http/fields.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "net/outbound_guard.h"

namespace pol::http {

class NetworkList {
 public:
  // Comma- or space-separated CIDRs; empty text is the empty list. InvalidArgument naming the
  // first entry that is not one.
  static StatusOr<NetworkList> Parse(std::string_view text);
  bool Contains(const boost::asio::ip::address& a) const;
  bool empty() const { return nets_.empty(); }

 private:
  std::vector<net::Cidr> nets_;  // the one CIDR type (net/outbound_guard.h)
};

// The address to believe for a request from `peer` with these headers (see above), as text.
std::string ClientAddress(const boost::asio::ip::address& peer, const boost::beast::http::fields& headers,
                          const NetworkList& trusted);

// The throttles' key for an address in text form (anything unparsable is its own key).
std::string RateLimitKey(std::string_view address);

// Loopback (127.0.0.0/8, ::1, or IPv4-mapped loopback).
bool IsLoopback(const boost::asio::ip::address& a);

}  // namespace pol::http
