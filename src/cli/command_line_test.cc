#include "cli/command_line.h"

#include <gtest/gtest.h>

#include <vector>

namespace pol::cli {
namespace {

std::optional<CommandLine> Parse(std::vector<std::string> args, const CommandSpec& spec, int first = 1) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return ParseCommandLine(static_cast<int>(argv.size()), argv.data(), first, spec);
}

TEST(CommandLine, ConfigOptionsGoToLoadConfigAndTheRestIsTheCommands) {
  CommandSpec spec{.options = {"council"}, .switches = {"force"}, .min_positional = 1, .max_positional = 1};
  auto cl = Parse({"pol", "--data", "/d", "--council", "qazvin", "--force", "OUT", "--set", "a=b"}, spec);
  ASSERT_TRUE(cl.has_value());
  EXPECT_EQ(cl->config_args, (std::vector<std::string>{"pol", "--data", "/d", "--set", "a=b"}));
  EXPECT_EQ(cl->Option("council"), "qazvin");
  EXPECT_EQ(cl->Option("missing"), "");
  EXPECT_TRUE(cl->Switch("force"));
  EXPECT_EQ(cl->positional, (std::vector<std::string>{"OUT"}));
}

TEST(CommandLine, UsageErrors) {
  CommandSpec spec{.options = {"council"}, .min_positional = 1, .max_positional = 1};
  EXPECT_FALSE(Parse({"pol", "OUT", "--unknown", "x"}, spec));  // unknown option
  EXPECT_FALSE(Parse({"pol", "OUT", "--council"}, spec));       // option without its value
  EXPECT_FALSE(Parse({"pol", "--data"}, spec));                 // config option without its value
  EXPECT_FALSE(Parse({"pol", "A", "B"}, spec));                 // too many positionals
  EXPECT_FALSE(Parse({"pol", "--data", "/d"}, spec));           // too few
  EXPECT_FALSE(Parse({"pol", "-f", "OUT"}, spec));              // short options are not ours
  EXPECT_FALSE(Parse({"pol", "OUT", "--force"}, spec));         // a switch this command lacks
}

TEST(CommandLine, AnyOptionAndAFirstIndex) {
  CommandSpec spec{.any_option = true};
  auto cl = Parse({"pol", "add", "--username", "ali", "--data", "/d"}, spec, /*first=*/2);
  ASSERT_TRUE(cl.has_value());
  EXPECT_EQ(cl->Option("username"), "ali");
  EXPECT_EQ(cl->config_args.size(), 3u);
  EXPECT_TRUE(cl->positional.empty());
}

}  // namespace
}  // namespace pol::cli
