// The outbound-address guard's hook point (to be filled by the security issue).
//
// Every libcurl handle Pol creates goes through net::ConfigureHandle, which calls InstallOutboundGuard
// last. This is where the guard belongs: resolve the destination, refuse private, loopback, link-local
// and other non-public ranges at connect time (CURLOPT_OPENSOCKETFUNCTION sees the address actually
// connected to, so DNS rebinding cannot slip past; CURLOPT_PREREQFUNCTION sees the final connection
// before the request is sent), and re-check on every redirect (each new connection passes through the
// same callbacks; CURLOPT_REDIR_PROTOCOLS_STR is already http/https only). Loopback allowances for tests
// and development would come in through RequestLimits or a process-wide setting.
//
// Today it installs nothing: behaviour is unchanged. Do not set CURLOPT_OPENSOCKETFUNCTION,
// CURLOPT_PREREQFUNCTION, CURLOPT_RESOLVE or CURLOPT_CONNECT_TO anywhere else.
//
// Thread-safety: touches only the handle it is given.
#pragma once

#include <curl/curl.h>

namespace pol::net {

struct RequestLimits;

void InstallOutboundGuard(CURL* handle, const RequestLimits& limits);

}  // namespace pol::net
