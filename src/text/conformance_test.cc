// Data-driven conformance: ../shared/text/conformance.json and
// src/text/testdata/conformance-extra.json.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "text/normalize.h"

namespace pol::text {
namespace {

nlohmann::json Load(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return nlohmann::json::parse(in);
}

class Conformance : public ::testing::TestWithParam<std::string> {};

TEST_P(Conformance, Display) {
  nlohmann::json j = Load(GetParam());
  ASSERT_TRUE(j.contains("display"));
  for (const auto& c : j["display"]) {
    std::string in = c["in"], want = c["out"];
    std::string got = NormalizeDisplay(in);
    EXPECT_EQ(got, want) << c.value("why", "") << "\n  in: " << in;
    EXPECT_EQ(NormalizeDisplay(got), got) << "not idempotent: " << in;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Conformance,
                         ::testing::Values(std::string(POL_SHARED_DIR) + "/text/conformance.json"));

}  // namespace
}  // namespace pol::text
