// The detection core of emerging issues (insight/emerging.h): keys, counts with copies once, the
// z-score, flagging with minimum support, clustering — and a replay of the Fars sample (600 articles, 20
// a day over 30 days) with synthetic bursts injected at known days, measuring precision, recall and the
// delay in days (printed; the figures are in docs/insight.md).
#include "insight/emerging.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "text/search_terms.h"

namespace pol::insight {
namespace {

bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

TEST(EmergingKeysTest, TermsAndPairsWithoutStopWordsOrNumbers) {
  const std::vector<std::string> k =
      EmergingKeys("قطعی آب در محله‌های جنوبی شهر ۳ روز است");
  // Keys are search terms: folded (آب → اب) and stemmed.
  const std::string water = text::SearchTerm("آب");
  EXPECT_TRUE(Has(k, text::SearchTerm("قطعی"))) << testing::PrintToString(k);
  EXPECT_TRUE(Has(k, water));
  EXPECT_FALSE(Has(k, "در"));  // a stop word
  EXPECT_FALSE(Has(k, "3"));   // a number
  bool pair = false;
  for (const std::string& x : k) pair = pair || x == text::SearchTerm("قطعی") + " " + water;
  EXPECT_TRUE(pair) << testing::PrintToString(k);
  EXPECT_TRUE(std::is_sorted(k.begin(), k.end()));
  EXPECT_EQ(std::set<std::string>(k.begin(), k.end()).size(), k.size());
  // Spellings fold alike.
  EXPECT_EQ(EmergingKeys("داروخانه‌ها"), EmergingKeys("داروخانه ها"));
}

TEST(EmergingCountTest, CopiesCountOnce) {
  std::vector<EmergingDoc> docs = {{.kind = "media_item", .id = 1, .copy_key = "f", .keys = {"a", "b"}},
                                   {.kind = "media_item", .id = 2, .copy_key = "f", .keys = {"a", "b"}},
                                   {.kind = "request", .id = 3, .copy_key = "f", .keys = {"a"}},
                                   {.kind = "media_item", .id = 4, .keys = {"a"}}};
  const auto counts = CountKeys(docs);
  EXPECT_EQ(counts.at("a"), 3);  // items 1 (not its copy 2), request 3, item 4
  EXPECT_EQ(counts.at("b"), 1);
  EXPECT_EQ(DropCopies(docs).size(), 3u);
}

TEST(EmergingScoreTest, ZScoreAgainstTheBaseline) {
  double mean = 0, sd = 0;
  // A steady key: 4 a day for 14 days; 4 today is no burst, 10 is.
  const std::vector<int64_t> steady(14, 4);
  EXPECT_DOUBLE_EQ(BurstScore(4, steady, 14, &mean, &sd), 0);
  EXPECT_DOUBLE_EQ(mean, 4);
  EXPECT_DOUBLE_EQ(sd, 0);
  EXPECT_DOUBLE_EQ(BurstScore(10, steady, 14), 6);  // deviation floored at 1
  // Missing days are zeros: one day of 14 at 14 → mean 1, sd √13.
  EXPECT_NEAR(BurstScore(1, {14}, 14, &mean, &sd), 0, 1e-9);
  EXPECT_NEAR(sd, std::sqrt(13.0), 1e-9);
}

TEST(EmergingFlagTest, MinimumSupportAndThreshold) {
  EmergingOptions o;
  o.min_support = 4;
  o.min_z = 3;
  const std::map<std::string, int64_t> today = {{"new", 5}, {"rare", 3}, {"steady", 6}};
  const std::map<std::string, std::vector<int64_t>> history = {{"steady", std::vector<int64_t>(14, 6)}};
  const std::vector<KeyScore> f = FlagKeys(today, history, o);
  ASSERT_EQ(f.size(), 1u);  // "rare" lacks support, "steady" is no burst
  EXPECT_EQ(f[0].key, "new");
  EXPECT_DOUBLE_EQ(f[0].z, 5);
}

TEST(EmergingGroupTest, SeparateTopicsMakeSeparateClusters) {
  EmergingOptions o;
  o.min_documents = 2;
  std::vector<EmergingDoc> docs;
  for (int i = 0; i < 3; ++i)
    docs.push_back({.kind = "media_item", .id = i, .keys = {"air", "air pollution", "pollution", "x"}});
  for (int i = 3; i < 6; ++i)
    docs.push_back({.kind = "request", .id = i, .keys = {"cut", "water", "water cut", "y"}});
  docs.push_back({.kind = "media_item", .id = 9, .keys = {"sport"}});
  std::vector<KeyScore> flagged;
  for (const char* k : {"air", "air pollution", "pollution", "water", "water cut", "cut"})
    flagged.push_back({k, 3, 0, 0, 3});
  const std::vector<EmergingCluster> c = GroupDocuments(docs, flagged, o);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0].docs.size(), 3u);
  EXPECT_EQ(c[1].docs.size(), 3u);
  std::set<std::string> t0(c[0].terms.begin(), c[0].terms.end()), t1(c[1].terms.begin(), c[1].terms.end());
  const std::set<std::string> air = {"air", "air pollution", "pollution"},
                              water = {"cut", "water", "water cut"};
  EXPECT_TRUE((t0 == air && t1 == water) || (t1 == air && t0 == water));
  EXPECT_DOUBLE_EQ(c[0].growth, 3);  // 3 documents over a baseline mean floored at 1
  // Without a pair in half of it, a group is not one subject.
  for (EmergingDoc& d : docs)
    std::erase_if(d.keys, [](const std::string& k) { return k.find(' ') != std::string::npos; });
  EXPECT_TRUE(GroupDocuments(docs, flagged, o).empty());
}

// ---- The replay over the Fars sample ----

std::vector<std::string> FarsLeads() {
  std::vector<std::string> out;
  std::ifstream in(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    std::string t = j.value("title", "") + "\n" + j.value("abstract", "");
    for (const auto& p : j["paragraphs"]) t += "\n" + p.get<std::string>();
    out.push_back(std::move(t));
  }
  return out;
}

struct Topic {
  std::string name;
  int start = 0;             // the first day of the burst (-1: every day)
  std::vector<int> per_day;  // documents on start, start+1, …
  bool copies = false;       // all one syndicated text
  std::vector<std::string> sentences;
};

const std::vector<Topic>& Topics() {
  static const std::vector<Topic> kTopics = {
      {"air",
       17,
       {3, 6, 10, 8},
       false,
       {"آلودگی هوای تهران به مرز هشدار رسید و مدارس تعطیل شد.",
        "شاخص آلودگی هوا در پایتخت از مرز هشدار گذشت.",
        "ستاد اضطرار آلودگی هوا تعطیلی مدارس ابتدایی را اعلام کرد.",
        "شهروندان از آلودگی هوا و ریزگردها گلایه دارند.",
        "کارشناسان سلامت درباره آلودگی هوا به سالمندان هشدار دادند.",
        "طرح زوج و فرد برای کاهش آلودگی هوا اجرا می‌شود."}},
      {"insulin",
       21,
       {3, 7, 12},
       false,
       {"کمبود داروی انسولین در داروخانه‌های شهر ادامه دارد.",
        "بیماران دیابتی برای یافتن انسولین به چند داروخانه سر می‌زنند.",
        "سازمان غذا و دارو وعده توزیع انسولین را داد.",
        "صف داروخانه‌های منتخب برای کمبود انسولین طولانی شد.",
        "مسئولان علت کمبود داروی انسولین را تاخیر در واردات دانستند."}},
      {"water",
       25,
       {2, 5, 9, 12},
       false,
       {"قطعی آب در محله‌های جنوبی شهر ادامه دارد.",
        "شرکت آب و فاضلاب علت قطعی آب را شکستگی لوله اصلی اعلام کرد.",
        "ساکنان برای تهیه آب آشامیدنی به تانکر روی آورده‌اند.",
        "تعمیر خط انتقال آب و رفع قطعی تا پایان هفته طول می‌کشد.",
        "شورای شهر درباره قطعی آب از شرکت آب و فاضلاب توضیح خواست."}},
      // Not bursts: a steady topic (4 every day) and one syndicated text copied 15 times on day 23.
      {"steady",
       -1,
       {4},
       false,
       {"نمایشگاه کتاب استان با حضور ناشران برگزار می‌شود.",
        "ناشران کودک در نمایشگاه کتاب غرفه دارند.", "بازدید از نمایشگاه کتاب تا ساعت بیست ادامه دارد.",
        "تخفیف خرید کتاب در نمایشگاه اعلام شد."}},
      {"copies",
       23,
       {15},
       true,
       {"زمین‌لرزه‌ای بندرعباس را لرزاند و خسارتی گزارش نشد.",
        "هلال احمر تیم ارزیاب به بندرعباس فرستاد.",
        "مردم بندرعباس پس از زمین‌لرزه به خیابان‌ها آمدند."}},
  };
  return kTopics;
}

struct Labeled {
  EmergingDoc doc;
  int topic = -1;  // index into Topics(), -1 for a Fars article
};

constexpr int kDays = 30;

// The first `bytes` of `s`, cut before a whole UTF-8 character.
std::string Prefix(const std::string& s, size_t bytes) {
  if (s.size() <= bytes) return s;
  while (bytes > 0 && (static_cast<unsigned char>(s[bytes]) & 0xC0) == 0x80) --bytes;
  return s.substr(0, bytes);
}

std::vector<std::vector<Labeled>> BuildDays() {
  const std::vector<std::string> fars = FarsLeads();
  EXPECT_GE(fars.size(), 600u);
  std::vector<std::vector<Labeled>> days(kDays);
  std::mt19937 rng(12);
  int64_t id = 1;
  for (size_t i = 0; i < fars.size() && i < 600; ++i) {
    EmergingDoc d{.kind = "media_item", .id = id++, .keys = EmergingKeys(fars[i]), .tone = "neutral"};
    days[i / 20].push_back({std::move(d), -1});
  }
  for (size_t t = 0; t < Topics().size(); ++t) {
    const Topic& topic = Topics()[t];
    for (int day = 0; day < kDays; ++day) {
      int n = 0;
      if (topic.start < 0)
        n = topic.per_day[0];
      else if (day >= topic.start && day - topic.start < static_cast<int>(topic.per_day.size()))
        n = topic.per_day[day - topic.start];
      for (int k = 0; k < n; ++k) {
        std::string text;
        if (topic.copies) {
          for (const std::string& s : topic.sentences) text += s + " ";
          text += fars[0];
        } else {
          std::vector<std::string> s = topic.sentences;
          std::shuffle(s.begin(), s.end(), rng);
          for (int j = 0; j < 3; ++j) text += s[j] + " ";
          text += Prefix(fars[rng() % fars.size()], 600);  // an unrelated passage
        }
        EmergingDoc d{.kind = (k % 3 == 2) ? "request" : "media_item",
                      .id = id++,
                      .copy_key = topic.copies ? "copy-1" : "",
                      .keys = EmergingKeys(text),
                      .tone = "negative"};
        days[day].push_back({std::move(d), static_cast<int>(t)});
      }
    }
  }
  return days;
}

TEST(EmergingReplayTest, SyntheticBurstsInTheFarsSample) {
  const EmergingOptions o;
  const std::vector<std::vector<Labeled>> days = BuildDays();
  std::vector<std::map<std::string, int64_t>> counts;
  for (const auto& day : days) {
    std::vector<EmergingDoc> docs;
    for (const Labeled& l : day) docs.push_back(l.doc);
    counts.push_back(CountKeys(docs));
  }
  int issues = 0, true_issues = 0;
  std::map<int, int> first_detected;  // topic → day
  std::set<int> wrongly;              // non-burst topics flagged
  for (int day = o.baseline_days; day < kDays; ++day) {
    std::map<std::string, std::vector<int64_t>> history;
    for (int b = day - o.baseline_days; b < day; ++b)
      for (const auto& [k, n] : counts[b])
        if (counts[day].contains(k)) history[k].push_back(n);
    const std::vector<KeyScore> flagged = FlagKeys(counts[day], history, o);
    std::vector<Labeled> labeled = days[day];
    std::vector<EmergingDoc> docs;
    std::vector<int> topic_of;
    {
      std::set<std::string> seen;
      for (const Labeled& l : labeled) {
        if (!l.doc.copy_key.empty() && !seen.insert(l.doc.copy_key).second) continue;
        docs.push_back(l.doc);
        topic_of.push_back(l.topic);
      }
    }
    for (const EmergingCluster& c : GroupDocuments(docs, flagged, o)) {
      ++issues;
      std::map<int, int> votes;
      for (size_t i : c.docs) ++votes[topic_of[i]];
      const auto best = std::max_element(votes.begin(), votes.end(),
                                         [](const auto& a, const auto& b) { return a.second < b.second; });
      const int topic = best->first;
      const bool burst = topic >= 0 && Topics()[topic].start >= 0 && !Topics()[topic].copies;
      std::string terms;
      for (const std::string& t : c.terms) terms += t + "، ";
      std::printf("day %d: issue of %zu documents (topic %s), z %.1f, growth %.1f: %s\n", day, c.docs.size(),
                  topic >= 0 ? Topics()[topic].name.c_str() : "fars", c.z, c.growth, terms.c_str());
      if (burst && best->second * 2 > static_cast<int>(c.docs.size())) {
        ++true_issues;
        if (!first_detected.contains(topic)) first_detected[topic] = day;
      } else if (topic >= 0) {
        wrongly.insert(topic);
      }
    }
  }
  int bursts = 0, max_delay = 0;
  double delay_sum = 0;
  for (size_t t = 0; t < Topics().size(); ++t) {
    const Topic& topic = Topics()[t];
    if (topic.start < 0 || topic.copies) continue;
    ++bursts;
    if (auto it = first_detected.find(static_cast<int>(t)); it != first_detected.end()) {
      const int delay = it->second - topic.start;
      delay_sum += delay;
      max_delay = std::max(max_delay, delay);
    }
  }
  const double precision = issues ? static_cast<double>(true_issues) / issues : 0;
  const double recall = static_cast<double>(first_detected.size()) / bursts;
  const double mean_delay =
      first_detected.empty() ? 0 : delay_sum / static_cast<double>(first_detected.size());
  std::printf(
      "emerging replay: %d issues, %d true; precision %.2f, recall %.2f, delay mean %.2f max %d days\n",
      issues, true_issues, precision, recall, mean_delay, max_delay);
  RecordProperty("precision", std::to_string(precision));
  RecordProperty("recall", std::to_string(recall));
  RecordProperty("max_delay_days", max_delay);
  EXPECT_EQ(recall, 1.0);
  EXPECT_GE(precision, 0.75);
  EXPECT_LE(max_delay, 1);
  EXPECT_TRUE(wrongly.empty()) << "the steady topic or the syndicated copies were flagged";
}

}  // namespace
}  // namespace pol::insight
