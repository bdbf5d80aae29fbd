#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "text/lsh.h"
#include "text/minhash.h"
#include "text/search_terms.h"
#include "text/shingles.h"

namespace pol::text {
namespace {

std::vector<std::string> Articles(size_t n) {
  std::vector<std::string> out;
  std::ifstream in(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  std::string line;
  while (out.size() < n && std::getline(in, line)) {
    auto j = nlohmann::json::parse(line);
    std::string t;
    for (const auto& p : j["paragraphs"]) {
      t.append(p.get<std::string>());
      t.push_back('\n');
    }
    out.push_back(std::move(t));
  }
  return out;
}

TEST(Shingles, Basics) {
  std::vector<std::string> terms = {"a", "b", "c", "d", "e"};
  EXPECT_EQ(Shingles(terms, 3).size(), 3u);
  EXPECT_EQ(Shingles(terms, 10).size(), 1u);
  EXPECT_TRUE(Shingles({}, 3).empty());
  // Order matters within a shingle.
  EXPECT_NE(Shingles({"a", "b"}, 2), Shingles({"b", "a"}, 2));
  EXPECT_EQ(Shingles(terms, 2)[1], Shingles({"b", "c"}, 2)[0]);
}

TEST(Shingles, RetypedTextHasSameShingles) {
  std::string a = "رئیس اداره کل دفاتر خدمات بانکی پست بانک گفت: ۳۰۰ دفتر روستایی در قزوین";
  std::string b = "رييس اداره كل دفاتر خدمات بانكي پست بانک گفت : 300 دفتر روستايي در قزوين";
  EXPECT_EQ(TextShingles(a), TextShingles(b));
}

TEST(Containment, CutReprint) {
  auto docs = Articles(2);
  std::string release = docs[0];
  // A newspaper reprints the first half inside its own longer piece.
  std::string reprint = docs[1] + "\n" + release.substr(0, release.size() / 2);
  ShingleSet r = MakeShingleSet(TextShingles(release));
  ShingleSet p = MakeShingleSet(TextShingles(reprint));
  ShingleSet half = MakeShingleSet(TextShingles(release.substr(0, release.size() / 2)));
  EXPECT_GT(Containment(half, p), 0.95);
  EXPECT_GT(Containment(r, p), 0.4);
  EXPECT_LT(Containment(MakeShingleSet(TextShingles(docs[1])), r), 0.05);
  EXPECT_DOUBLE_EQ(Containment(r, r), 1.0);
  EXPECT_DOUBLE_EQ(Containment(ShingleSet{}, r), 0.0);
  EXPECT_DOUBLE_EQ(Jaccard(r, r), 1.0);
}

TEST(MinHash, EstimatesJaccard) {
  std::mt19937_64 rng(42);
  std::vector<uint64_t> base(2000);
  for (auto& x : base) x = rng();
  for (double overlap : {0.2, 0.5, 0.8}) {
    size_t shared = static_cast<size_t>(overlap * 1000);
    std::vector<uint64_t> a(base.begin(), base.begin() + 1000);
    std::vector<uint64_t> b(base.begin() + (1000 - shared), base.begin() + (2000 - shared));
    double truth = Jaccard(MakeShingleSet(a), MakeShingleSet(b));
    double est = EstimateJaccard(MinHash(a), MinHash(b));
    EXPECT_NEAR(est, truth, 0.12) << overlap;
  }
}

TEST(MinHash, DeterministicOrderFreeAndDense) {
  std::vector<uint64_t> s = {5, 1, 9, 5, 7};
  std::vector<uint64_t> t = {9, 7, 5, 1};
  EXPECT_EQ(MinHash(s), MinHash(t));
  MinHashSignature one = MinHash({123});
  EXPECT_FALSE(one.empty);
  for (uint32_t v : one.values) EXPECT_EQ(v, one.values[0]);  // densified from the only full bin
  EXPECT_TRUE(MinHash({}).empty);
  EXPECT_EQ(EstimateJaccard(MinHash({}), MinHash({})), 0.0);
}

TEST(Lsh, FindsNearDuplicatesNotStrangers) {
  auto docs = Articles(300);
  LshIndex index;
  std::vector<MinHashSignature> sigs;
  for (size_t i = 0; i < docs.size(); ++i) {
    sigs.push_back(MinHash(TextShingles(docs[i])));
    index.Add(1000 + i, sigs.back());
  }
  size_t non_empty = std::count_if(sigs.begin(), sigs.end(), [](const auto& g) { return !g.empty; });
  EXPECT_EQ(index.size(), non_empty);
  size_t found = 0, false_positives = 0;
  for (size_t i = 0; i < 100; ++i) {
    // Re-typed with Arabic letters and a paragraph dropped.
    std::string edited = docs[i];
    std::replace(edited.begin(), edited.end(), '\n', ' ');
    size_t cut = edited.size() * 4 / 5;
    while (cut < edited.size() && (static_cast<unsigned char>(edited[cut]) & 0xC0) == 0x80) ++cut;
    edited.resize(cut);
    auto c = index.Candidates(MinHash(TextShingles(edited)));
    found += std::count(c.begin(), c.end(), 1000 + i);
    false_positives += c.size() - std::count(c.begin(), c.end(), 1000 + i);
  }
  EXPECT_GE(found, 95u);
  EXPECT_LT(false_positives, 100u);
  EXPECT_TRUE(index.Candidates(MinHash({})).empty());
  EXPECT_THROW(LshIndex(3), std::invalid_argument);
}

}  // namespace
}  // namespace pol::text
