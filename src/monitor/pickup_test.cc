// Press pickup on the reuse set built from the Fars sample: precision and recall, per variant.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "monitor/pickup.h"
#include "monitor/reuse_set.h"

namespace pol::monitor {
namespace {

TEST(Pickup, VerbatimAndRetypedTextIsFound) {
  PickupIndex index;
  index.Add(
      1,
      {"افتتاح مرکز جامع خدمات بیمه‌ای در قزوین",
       "مدیرکل تأمین اجتماعی استان قزوین از افتتاح مرکز جامع خدمات بیمه‌ای در شهر قزوین خبر داد.",
       "این مرکز با هدف کاهش مراجعات حضوری و تسریع در ارائه خدمات به بیمه‌شدگان و مستمری‌بگیران "
       "راه‌اندازی شده و روزانه ۵۰۰ نفر را پذیرش می‌کند."});
  auto hits =
      index.Check({"مرکز جامع",
                   "مديركل تأمين اجتماعي استان قزوين از افتتاح مركز جامع خدمات بيمه اي در شهر قزوين خبر داد.",
                   "اين مركز با هدف كاهش مراجعات حضوري و تسريع در ارائه خدمات به بيمه شدگان و مستمري بگيران "
                   "راه اندازي شده و روزانه 500 نفر را پذيرش مي كند."});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].release_id, 1);
  EXPECT_GT(hits[0].containment, 0.6);
  // The title's words all appear in the item's lead, so the title counts as taken too.
  EXPECT_EQ(hits[0].paragraphs, (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(
      index
          .Check(
              {"خبری دیگر",
               "بارش باران در استان گیلان ادامه دارد و جاده‌ها لغزنده است."})
          .empty());
}

TEST(Pickup, PrecisionAndRecallOnTheReuseSet) {
  auto sample = LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  ASSERT_GE(sample.size(), 500u);
  ReuseSet set = BuildReuseSet(sample, 210);
  PickupIndex index;
  for (const auto& [id, paragraphs] : set.releases) index.Add(id, paragraphs);

  int tp = 0, fp = 0, fn = 0, negatives = 0, positives = 0;
  std::map<std::string, std::pair<int, int>> per_variant;  // found, total
  for (const auto& c : set.cases) {
    auto hits = index.Check(c.paragraphs);
    bool found = false;
    for (const auto& h : hits) {
      if (h.release_id == c.release_id) {
        found = true;
        ++tp;
      } else {
        ++fp;
      }
    }
    if (c.release_id != 0) {
      ++positives;
      if (!found) ++fn;
      per_variant[c.variant].first += found;
      per_variant[c.variant].second += 1;
    } else {
      ++negatives;
      per_variant["negative (flagged)"].first += hits.empty() ? 0 : 1;
      per_variant["negative (flagged)"].second += 1;
    }
  }
  const double precision = tp + fp == 0 ? 0 : static_cast<double>(tp) / (tp + fp);
  const double recall = positives == 0 ? 0 : static_cast<double>(tp) / positives;
  std::printf(
      "reuse set: %zu releases, %d outlet versions, %d negatives (%d near-duplicates in the sample excluded)\n",
      set.releases.size(), positives, negatives, set.excluded_negatives);
  for (const auto& [variant, ft] : per_variant)
    std::printf("  %-20s %d/%d\n", variant.c_str(), ft.first, ft.second);
  std::printf("pickup: precision %.4f (TP %d, FP %d), recall %.4f (FN %d)\n", precision, tp, fp, recall, fn);
  EXPECT_GE(positives, 200);
  EXPECT_GE(negatives, 300);
  EXPECT_GE(precision, 0.95);
  EXPECT_GE(recall, 0.90);
}

}  // namespace
}  // namespace pol::monitor
