#include <cstdio>

#include "cli/commands.h"
#include "cli/config.h"
#include "council/demo.h"

namespace pol::cli {

int DemoCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging("warn");
  auto db = OpenDataFolder(*config, /*create=*/true);
  if (!db.ok()) return Fail(db.status());
  auto result = council::LoadDemo(db->get(), Env::Default());
  if (!result.ok()) return Fail(result.status());
  if (result->already_loaded) {
    std::printf("شورای نمونه پیش‌تر در %s بارگذاری شده است.\n", config->data.c_str());
    return 0;
  }
  std::printf("شورای نمونهٔ قزوین بارگذاری شد. ورودهای نمونه (گذرواژهٔ همه: %s):\n", council::kDemoPassword);
  for (const auto& l : result->logins) std::printf("  %-24s %s\n", l.username.c_str(), l.name.c_str());
  return 0;
}

}  // namespace pol::cli
