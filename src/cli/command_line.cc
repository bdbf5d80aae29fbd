#include "cli/command_line.h"

namespace pol::cli {

std::optional<CommandLine> ParseCommandLine(int argc, char** argv, int first, const CommandSpec& spec) {
  CommandLine cl;
  cl.config_args.push_back(argc > 0 ? argv[0] : "pol");
  for (int i = first; i < argc; ++i) {
    const std::string a = argv[i];
    if (!a.starts_with("-")) {
      if (cl.positional.size() >= spec.max_positional) return std::nullopt;
      cl.positional.push_back(a);
      continue;
    }
    if (!a.starts_with("--") || a.size() == 2) return std::nullopt;
    const std::string name = a.substr(2);
    if (spec.switches.contains(name)) {
      cl.switches.insert(name);
      continue;
    }
    const bool config_option = name == "data" || name == "config" || name == "set";
    if (!config_option && !spec.any_option && !spec.options.contains(name)) return std::nullopt;
    if (i + 1 >= argc) return std::nullopt;
    if (config_option) {
      cl.config_args.push_back(a);
      cl.config_args.push_back(argv[++i]);
    } else {
      cl.options[name] = argv[++i];
    }
  }
  if (cl.positional.size() < spec.min_positional) return std::nullopt;
  return cl;
}

StatusOr<Config> LoadCommandConfig(const CommandLine& cl) {
  std::vector<char*> args;
  args.reserve(cl.config_args.size());
  for (const std::string& a : cl.config_args) args.push_back(const_cast<char*>(a.c_str()));
  auto config = LoadConfig(static_cast<int>(args.size()), args.data());
  if (config.ok()) SetupLogging("warn");
  return config;
}

}  // namespace pol::cli
