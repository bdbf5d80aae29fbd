// One parser for the arguments of the `pol` subcommands that take a data folder.
//
// The configuration options (--data, --config, --set, each with a value) go to LoadConfig; `options`
// names the subcommand's own options that take a value (or `any_option` accepts every --key VALUE,
// for `pol user`); `switches` names those without a value; anything not starting with '-' is a
// positional argument. An unknown option, an option without its value, or more positional arguments
// than `max_positional` is a usage error (nullopt: the caller prints its usage and exits with 2).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "cli/config.h"

namespace pol::cli {

struct CommandSpec {
  std::set<std::string> options;   // names without "--", each followed by a value
  std::set<std::string> switches;  // names without "--"
  bool any_option = false;         // every --key VALUE is an option
  size_t min_positional = 0;
  size_t max_positional = 0;
};

struct CommandLine {
  std::vector<std::string> config_args;  // program name, then the configuration options as given
  std::map<std::string, std::string> options;
  std::set<std::string> switches;
  std::vector<std::string> positional;

  bool Switch(const std::string& name) const { return switches.contains(name); }
  std::string Option(const std::string& name) const {
    auto it = options.find(name);
    return it == options.end() ? std::string() : it->second;
  }
};

// Splits argv[first..argc).
std::optional<CommandLine> ParseCommandLine(int argc, char** argv, int first, const CommandSpec& spec);

// The configuration the command line names (LoadConfig over config_args) with logging at "warn":
// the prologue every data-folder subcommand shares.
StatusOr<Config> LoadCommandConfig(const CommandLine& cl);

}  // namespace pol::cli
