// The citizens' demo: the routing model trained on the shipped labelled set,
// reply templates, two routing rules, a few SLA targets and sample requests in
// every state. Loading twice changes nothing (it stops when the council
// already has a routing model).
#pragma once

#include "citizen/requests.h"

namespace pol::citizen {

struct CitizenDemoResult {
  bool already_loaded = false;
  int64_t requests = 0;
  RoutingInfo routing;
};

StatusOr<CitizenDemoResult> LoadCitizenDemo(store::Database* db, Env* env, RequestService* service,
                                            int64_t council_id);

}  // namespace pol::citizen
