#include "net/outbound_guard.h"

#include "net/http_client.h"

namespace pol::net {

void InstallOutboundGuard(CURL* handle, const RequestLimits& limits) {
  // The hook point: see the header. Nothing is installed yet.
  (void)handle;
  (void)limits;
}

}  // namespace pol::net
