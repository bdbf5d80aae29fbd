// Data-driven conformance: ../shared/text/conformance.json and
// src/text/testdata/conformance-extra.json.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/search_terms.h"

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

std::string Join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& t : v) s += (s.empty() ? "" : " | ") + t;
  return s;
}

TEST_P(Conformance, SameTerms) {
  nlohmann::json j = Load(GetParam());
  if (!j.contains("same_terms")) GTEST_SKIP();
  for (const auto& group : j["same_terms"]) {
    std::string first = group[0];
    std::vector<std::string> want = SearchTerms(first);
    EXPECT_FALSE(want.empty()) << first;
    for (const auto& alt : group) {
      std::string a = alt;
      EXPECT_EQ(Join(SearchTerms(a)), Join(want)) << a << " vs " << first;
    }
  }
}

TEST_P(Conformance, DifferentTerms) {
  nlohmann::json j = Load(GetParam());
  if (!j.contains("different_terms")) GTEST_SKIP();
  for (const auto& pair : j["different_terms"]) {
    std::string a = pair[0], b = pair[1];
    EXPECT_NE(Join(SearchTerms(a)), Join(SearchTerms(b))) << a << " collapsed with " << b;
  }
}

INSTANTIATE_TEST_SUITE_P(Files, Conformance,
                         ::testing::Values(std::string(POL_SHARED_DIR) + "/text/conformance.json",
                                           std::string(POL_SOURCE_DIR) +
                                               "/src/text/testdata/conformance-extra.json"));

}  // namespace
}  // namespace pol::text
