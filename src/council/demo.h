// The demo council: the coordination council of the agencies of the Ministry
// of Cooperatives, Labour and Social Welfare in Qazvin province, with its ten
// member agencies and a login for every role. Loading twice changes nothing.
#pragma once

#include <string>
#include <vector>

#include "base/env.h"
#include "store/db.h"

namespace pol::council {

inline constexpr const char* kDemoPassword = "demo1405";

struct DemoLogin {
  std::string username, name, role;
};

struct DemoResult {
  bool already_loaded = false;
  int64_t council_id = 0;
  std::vector<DemoLogin> logins;
};

StatusOr<DemoResult> LoadDemo(store::Database* db, Env* env);

}  // namespace pol::council
