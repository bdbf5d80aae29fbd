// The table of every setting `pol` reads: its TOML key, POL_* environment variable, flag, default and
// meaning, and how a value is parsed into Config. LoadConfig (config.h) applies it in the order
// defaults < TOML file < environment < flags; every setting can also be given as `--set KEY=VALUE`.
// docs/configuration.md documents each row (config_test checks that none is missing).
//
// Values arrive as text whatever their source (a TOML integer or boolean is printed first). Booleans
// accept 1/0, true/false, yes/no, on/off; integers are decimal; a wrong value is an InvalidArgument
// naming the setting.
//
// Thread-safety: the table is immutable.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"

namespace pol::cli {

struct Config;

struct SettingSpec {
  std::string_view key;       // TOML key; "monitor.schedule" is `schedule` in the table [monitor]
  std::string_view env;       // POL_* variable
  std::string_view flag;      // a flag taking the value ("--data"), or empty
  std::string_view fallback;  // the default, as documented
  std::string_view help;      // one line
  Status (*apply)(std::string_view value, Config& c);
};

const std::vector<SettingSpec>& AllSettings();
const SettingSpec* FindSettingByKey(std::string_view key);
const SettingSpec* FindSettingByFlag(std::string_view flag);

// Fills the derived values of c.app from the others once every source was applied (data folder,
// public URLs, the council slug shared by the site and the citizens' pages, secure cookies).
void FinishSettings(Config& c);

}  // namespace pol::cli
