// The outbound-address guard: every connection Pol opens to another host (monitor fetches, Bot APIs,
// Eitaa, webhooks, the SMS gateway, SMTP) is checked against the address it actually connects to.
//
// Contract.
//  * Classify(ip) names the range an address belongs to. Everything but kPublic is refused unless the
//    process-wide allowance (SetOutboundPolicy, from the `outbound_allow` setting / POL_OUTBOUND_ALLOW)
//    has a CIDR containing it. Refused ranges (IPv4; IPv6 forms that embed an IPv4 address — mapped
//    ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16 — are classified by the IPv4 address inside):
//      this network 0.0.0.0/8 · private 10/8, 172.16/12, 192.168/16 · CGNAT 100.64/10 · loopback 127/8 ·
//      link-local 169.254/16 · IETF protocol assignments 192.0.0/24 · documentation 192.0.2/24,
//      198.51.100/24, 203.0.113/24 · 6to4 relay anycast 192.88.99/24 · benchmarking 198.18/15 ·
//      multicast 224/4 · reserved and broadcast 240/4;
//      IPv6: unspecified ::/128 · loopback ::1 · IPv4-compatible ::/96 · discard 100::/64 · NAT64
//      local-use 64:ff9b:1::/48 · Teredo 2001::/32 (hides an IPv4 address) · benchmarking 2001:2::/48 ·
//      ORCHID 2001:10::/28, 2001:20::/28 · documentation 2001:db8::/32, 3fff::/20 · ULA fc00::/7 ·
//      link-local fe80::/10 · site-local fec0::/10 · multicast ff00::/8.
//  * InstallOutboundGuard(handle, limits) — called last by net::ConfigureHandle, the only caller — sets
//    CURLOPT_OPENSOCKETFUNCTION (the resolved address about to be connected to: DNS rebinding cannot slip
//    past, and every redirect's new connection passes again) and CURLOPT_PREREQFUNCTION (the address of
//    the connection a request is about to be sent on, also when a kept-alive connection is reused). It
//    also turns proxies off (CURLOPT_PROXY ""): through a proxy the guard could not see the destination.
//    A refused connection fails before any packet is sent (so it tells nothing about the port), and
//    TakeOutboundRefusal(handle) is true afterwards. Do not set CURLOPT_OPENSOCKETFUNCTION,
//    CURLOPT_PREREQFUNCTION, CURLOPT_RESOLVE, CURLOPT_CONNECT_TO or CURLOPT_PROXY anywhere else.
//  * ParseCidr/ParseCidrList accept "a.b.c.d/n", "x:y::z/n" and bare addresses (= /32 or /128). An IPv4
//    CIDR also matches the IPv4-mapped IPv6 form of its addresses.
//
// Thread-safety: the policy is process-wide, replaced under a lock and read under a shared lock (set it
// once at start; tests swap it with net/testing/allow_loopback.h). The refusal marks are a locked set.
// Classification and parsing are pure.
#pragma once

#include <curl/curl.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct sockaddr;

namespace pol::net {

struct RequestLimits;

// An IP address, IPv4 held in its IPv4-mapped IPv6 form (::ffff:a.b.c.d).
struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  bool IsV4() const;  // an IPv4-mapped address
  std::string ToString() const;
  bool operator==(const IpAddress&) const = default;
};

std::optional<IpAddress> ParseIp(std::string_view text);
std::optional<IpAddress> FromSockaddr(const struct sockaddr* sa);

struct Cidr {
  IpAddress base;      // masked to the prefix
  int prefix_len = 0;  // over the 128-bit form (an IPv4 /n is 96 + n)
  bool Contains(const IpAddress& ip) const;
};

// "10.0.0.0/8", "fd00::/8", "127.0.0.1" (a single address). Errors are InvalidArgument("invalid_cidr").
StatusOr<Cidr> ParseCidr(std::string_view text);
// Comma-separated, spaces allowed, empty items ignored; "" is an empty list.
StatusOr<std::vector<Cidr>> ParseCidrList(std::string_view text);

enum class AddressClass {
  kPublic,
  kThisNetwork,  // 0.0.0.0/8, ::/128
  kLoopback,
  kPrivate,  // RFC 1918, NAT64 local-use
  kCgnat,
  kLinkLocal,
  kUniqueLocal,  // fc00::/7, and the deprecated site-local fec0::/10
  kMulticast,
  kReserved,  // documentation, benchmarking, IETF, 240/4 and broadcast, Teredo, ORCHID, …
};

AddressClass Classify(const IpAddress& ip);
const char* AddressClassName(AddressClass c);  // "public", "loopback", …

// The process-wide allowance: addresses in these CIDRs are allowed whatever their class.
void SetOutboundPolicy(std::vector<Cidr> allow);
std::vector<Cidr> OutboundPolicy();

// Public, or inside the allowance.
bool OutboundAllowed(const IpAddress& ip);

// The host of an http(s)/smtp(s) URL: lower case, without port, user info or IPv6 brackets; "" when
// there is none.
std::string UrlHost(std::string_view url);
// "localhost" (and *.localhost), 127.0.0.0/8, ::1 and ::ffff:127.x written as the host: the only hosts
// where a connection in the clear is accepted (bot and webhook http://, SMTP without TLS).
bool IsLoopbackHost(std::string_view host);

// The stable code of a refused connection (HttpResult::error, API answers).
inline constexpr char kOutboundRefused[] = "outbound_refused";

void InstallOutboundGuard(CURL* handle, const RequestLimits& limits);

// True once if the guard refused a connection of `handle` since it was last configured (and clears it).
bool TakeOutboundRefusal(CURL* handle);

}  // namespace pol::net
