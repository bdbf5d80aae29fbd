#include "citizen/router.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <map>

#include "citizen/request_types.h"

namespace pol::citizen {
namespace {

std::vector<LabelledRequest> LabelledSet() { return ParseLabelledSet(ShippedLabelledSet()); }

TEST(Router, AccuracyOnTheLabelledSet) {
  auto set = LabelledSet();
  ASSERT_GE(set.size(), 200u);
  std::map<std::string, int64_t> ids;
  std::vector<LabelledText> samples;
  for (const auto& s : set) {
    auto [it, fresh] = ids.emplace(s.agency, static_cast<int64_t>(ids.size() + 1));
    samples.push_back({s.subject + "\n" + s.text, it->second});
  }
  EXPECT_EQ(ids.size(), 10u);
  TrainReport held;
  TrainWithHoldout(samples, &held);
  // Five-fold cross-validation for a steadier figure.
  int64_t correct = 0, confident = 0, confident_correct = 0;
  for (size_t fold = 0; fold < 5; ++fold) {
    std::vector<LabelledText> train, test;
    for (size_t i = 0; i < samples.size(); ++i) (i % 5 == fold ? test : train).push_back(samples[i]);
    NaiveBayes m = NaiveBayes::Train(train);
    for (const auto& s : test) {
      auto p = m.Predict(s.text);
      ASSERT_TRUE(p.has_value());
      correct += p->label == s.label;
      if (p->confidence >= 0.5) {
        ++confident;
        confident_correct += p->label == s.label;
      }
    }
  }
  const double acc = static_cast<double>(correct) / static_cast<double>(samples.size());
  std::printf(
      "routing: held-out fifth %lld/%lld = %.3f; 5-fold accuracy %.3f; confident (>=0.5) %lld/%zu routed, "
      "%.3f of them right\n",
      static_cast<long long>(held.correct), static_cast<long long>(held.held_out), held.accuracy, acc,
      static_cast<long long>(confident), samples.size(),
      confident ? static_cast<double>(confident_correct) / static_cast<double>(confident) : 0.0);
  EXPECT_GT(acc, 0.7);
  // The model survives a JSON round trip.
  NaiveBayes full = NaiveBayes::Train(samples);
  auto back = NaiveBayes::FromJson(nlohmann::json::parse(full.ToJson().dump()));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->Predict("وام خوداشتغالی صندوق امید")->label,
            full.Predict("وام خوداشتغالی صندوق امید")->label);
}

TEST(Router, RulesBeatTheModelAndChoiceBeatsRules) {
  Router router(0.5);
  router.SetRules(1, {{7, 30, 10, RuleTerms("کالابرگ"), {}}});
  std::vector<int64_t> allowed = {10, 20, 30};
  auto d = router.Route(1, std::nullopt, "question", "کالابرگ", "اعتبار کالابرگ ما واریز نشده", allowed);
  EXPECT_EQ(d.agency_id, 30);
  EXPECT_EQ(d.source, "rule");
  d = router.Route(1, 20, "question", "کالابرگ", "اعتبار کالابرگ", allowed);
  EXPECT_EQ(d.agency_id, 20);
  EXPECT_EQ(d.source, "citizen");
  d = router.Route(1, std::nullopt, "question", "چیزی", "متنی بی‌ربط", allowed);
  EXPECT_FALSE(d.agency_id.has_value());
  EXPECT_EQ(d.source, "triage");
}

}  // namespace
}  // namespace pol::citizen
