// Press pickup on the reuse set built from the Fars sample: precision and recall, per variant.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "monitor/pickup.h"
#include "monitor/pickup_probe.h"
#include "monitor/reuse_set.h"
#include "text/search_terms.h"

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

// Five releases of one office: each opens with the same attribution, then says something of its own.
std::vector<std::string> OfficeRelease(const std::string& title, const std::string& body1,
                                       const std::string& body2) {
  return {
      title,
      "مدیرکل تأمین اجتماعی استان قزوین از برنامه‌های تازه این اداره کل خبر داد.",
      "به گزارش خبرگزاری فارس از قزوین به نقل از روابط عمومی اداره کل تأمین اجتماعی استان قزوین، " + body1,
      body2};
}

void AddOfficeReleases(PickupIndex& index) {
  index.Add(
      1,
      OfficeRelease(
          "پرداخت معوقات مستمری‌بگیران",
          "علی رضایی اظهار داشت: معوقات مستمری‌بگیران شهرستان تاکستان تا پایان هفته آینده "
          "به حساب آنان واریز می‌شود و هیچ پرونده‌ای معطل نمی‌ماند.",
          "وی افزود: سامانه پیگیری پرونده‌ها از ماه آینده در دفاتر پیشخوان راه‌اندازی می‌شود و "
          "مستمری‌بگیران می‌توانند وضعیت واریز را با پیامک ببینند؛ پرونده‌های از کار افتادگی "
          "هم در کمیسیون پزشکی ویژه بررسی خواهد شد."));
  index.Add(
      2,
      OfficeRelease(
          "بیمه رانندگان تاکسی",
          "علی رضایی اظهار داشت: بیمه سه هزار راننده تاکسی درون‌شهری با همکاری شهرداری "
          "برقرار شد و سهم کارفرمایی را شهرداری می‌پردازد.",
          "وی افزود: رانندگان می‌توانند مدارک خود را در سامانه الکترونیکی بارگذاری کنند و کارت "
          "بیمه آنان ظرف دو هفته صادر می‌شود؛ رانندگان برون‌شهری نیز در مرحله دوم این طرح "
          "بیمه خواهند شد."));
  index.Add(
      3,
      OfficeRelease(
          "افتتاح شعبه آبیک",
          "علی رضایی اظهار داشت: شعبه جدید آبیک با ظرفیت پذیرش روزانه چهارصد مراجعه‌کننده "
          "در خیابان امام گشایش یافت.",
          "وی افزود: این شعبه شش شهرک صنعتی اطراف را پوشش می‌دهد و کارگران این شهرک‌ها دیگر برای "
          "تمدید دفترچه به مرکز استان نمی‌روند؛ ساختمان شعبه را خیرین منطقه ساخته و به سازمان "
          "اهدا کرده‌اند."));
  index.Add(
      4,
      OfficeRelease(
          "طرح بیمه قالیبافان",
          "علی رضایی اظهار داشت: هفتصد قالیباف روستایی استان امسال زیر پوشش بیمه رفتند "
          "و حق بیمه آنان با یارانه دولت کاهش یافت.",
          "وی افزود: ثبت نام قالیبافان در دهیاری‌ها ادامه دارد و کسانی که کارگاه خانگی دارند با "
          "گواهی تعاونی فرش پذیرفته می‌شوند؛ سابقه بیمه آنان از روز ثبت نام محاسبه می‌شود."));
  index.Add(
      5,
      OfficeRelease(
          "نوبت‌دهی اینترنتی درمانگاه",
          "علی رضایی اظهار داشت: نوبت‌دهی درمانگاه‌های ملکی استان از اول آذر فقط اینترنتی "
          "انجام می‌شود و صف‌های صبحگاهی برچیده خواهد شد.",
          "وی افزود: سالمندان می‌توانند نوبت را تلفنی بگیرند و بیماران خاص بی‌نوبت پذیرش می‌شوند؛ "
          "ساعت کار درمانگاه ملکی بوئین‌زهرا هم تا هشت شب تمدید شد."));
}

TEST(Pickup, ShortPartialTakeOfABodyParagraphIsFound) {
  PickupIndex index;
  AddOfficeReleases(index);
  // An outlet's brief: its own title and attribution, then the first part of a body paragraph.
  auto hits = index.Check(
      {"واریز معوقات در تاکستان",
       "به گزارش خبرنگار پایگاه خبری قزوین امروز، علی رضایی اظهار داشت: معوقات "
       "مستمری‌بگیران شهرستان تاکستان تا پایان هفته آینده به حساب آنان واریز می‌شود",
       "انتهای پیام"});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].release_id, 1);
  EXPECT_EQ(hits[0].kind, "partial");
}

TEST(Pickup, TheOfficeBoilerplateAloneIsNoEvidence) {
  PickupIndex index;
  AddOfficeReleases(index);
  // Another story of the same office: the same attribution, title of the official and subject words.
  const std::vector<std::string> item = {
      "نشست شورای اداری",
      "به گزارش خبرگزاری فارس از قزوین به نقل از روابط عمومی اداره کل تأمین اجتماعی استان قزوین، علی "
      "رضایی در نشست شورای اداری گفت: همکاری دستگاه‌ها برای بیمه کارگران فصلی ضروری است.",
      "مدیرکل تأمین اجتماعی استان قزوین همچنین از کارکنان نمونه قدردانی کرد."};
  EXPECT_TRUE(index.Check(item).empty());
  // The candidates are looked at and turned down: runs only of bigrams every release of the office has.
  const std::vector<PickupEvidence> evidence = index.Explain(item);
  ASSERT_FALSE(evidence.empty());
  for (const PickupEvidence& e : evidence) {
    EXPECT_GE(e.longest_run, 8) << e.release_id;  // the attribution is repeated word for word…
    EXPECT_FALSE(e.picked) << e.release_id;
    EXPECT_FALSE(e.run_partial) << e.release_id;  // …and is no evidence
  }
}

const std::vector<SampleArticle>& Sample() {
  static const std::vector<SampleArticle> sample =
      LoadSample(std::string(POL_SHARED_DIR) + "/data/news/fars-news-sample.jsonl");
  return sample;
}

// The test part of the reuse set (Fars news ids even), built once per run. The held-out part (odd ids) is
// never built here: bench/monitor/pickup_reuse_figures measures it.
const ReuseSet& TestPart() {
  static const ReuseSet set = BuildReuseSet(Sample(), 140, 7, ReusePart::kTuning);
  return set;
}

TEST(Pickup, ReuseSetHasTheHardKindsAndCloseNegatives) {
  ASSERT_GE(Sample().size(), 500u);
  const ReuseSet& set = TestPart();
  std::map<std::string, int> kinds;
  for (const auto& c : set.cases) kinds[c.variant]++;
  EXPECT_GE(set.releases.size(), 130u);
  EXPECT_GE(kinds["heavy"], 40);
  EXPECT_GE(kinds["summary"], 40);
  EXPECT_GE(kinds["short-partial"], 40);
  // Same-subject negatives: the two closest articles of each release, and every close one.
  EXPECT_GE(kinds["negative"] + kinds["negative 0.2-0.3"] + kinds["negative >=0.3"], 250);
  // Negatives sharing 0.2 or more of a release's shingles are kept, above the detector's 0.3 too; the
  // sample decides how many there are, so they are reported, not required.
  std::printf(
      "negatives sharing 0.2-0.3 of a release: %d, 0.3 or more: %d; sample articles copying one: %d\n",
      kinds["negative 0.2-0.3"], kinds["negative >=0.3"], set.sample_reuse);
}

TEST(Pickup, HeavyEditChangesWordsButKeepsMost) {
  uint64_t state = 1;
  const std::string in = "مدیرکل بهزیستی گفت: این طرح برای همه مردم استان اجرا شد و ادامه دارد.";
  const std::string out = HeavyEdit(in, &state);
  EXPECT_NE(out, in);
  EXPECT_NE(out.find("بهزیستی"), std::string::npos);
}

// Issue 18's target, asserted on the test part: recall ≥ 0.97 at precision ≥ 0.99. The thresholds were
// chosen on this part; the held-out figures are in docs/monitoring.md.
TEST(Pickup, PrecisionAndRecallOnTheTestPart) {
  const ReuseSet& set = TestPart();
  const ReuseFigures f = MeasureReuse(set);
  std::printf("%s", FormatReuseFigures(set, f, "test part", true).c_str());
  EXPECT_GE(f.positives, 250);
  EXPECT_GE(f.negatives, 250);
  EXPECT_GE(f.precision, 0.99);
  EXPECT_GE(f.recall, 0.97);
  // No kind of outlet version is left behind for the others to carry.
  for (const auto& [variant, ft] : f.per_variant) {
    if (variant.find("negative") != std::string::npos) continue;
    EXPECT_GE(ft.first, 0.9 * ft.second) << variant;
  }
}

}  // namespace
}  // namespace pol::monitor

namespace pol::monitor {
namespace {

// Issue 16 §2: the look-back probe finds what the forward check finds. For every outlet version of the
// test part that Check() attributes to a release, the release's probe keys meet the item's stored keys
// (ItemProbeKeys of its terms) as a candidate — or the release is too short to probe and the look-back
// checks every item. Negatives are mostly not candidates, so the probe narrows the look-back.
TEST(Pickup, LookBackProbeFindsEveryPickupTheCheckFinds) {
  const ReuseSet& set = TestPart();
  PickupIndex index;
  std::map<int64_t, ReleaseProbe> probes;
  for (const auto& [id, paragraphs] : set.releases) {
    index.Add(id, paragraphs);
    probes[id] = ReleaseProbeKeys(paragraphs);
  }
  int found = 0, probed = 0, too_short = 0, negatives = 0, negative_candidates = 0;
  for (const ReuseCase& c : set.cases) {
    std::vector<std::vector<std::string>> terms;
    for (const auto& p : c.paragraphs) terms.push_back(text::SearchTerms(p));
    const std::vector<uint64_t> item = ItemProbeKeys(terms);
    auto shared_with = [&](const ReleaseProbe& probe) {
      std::vector<uint64_t> shared;
      std::set_intersection(probe.keys.begin(), probe.keys.end(), item.begin(), item.end(),
                            std::back_inserter(shared));
      return shared;
    };
    if (c.release_id == 0) {
      ++negatives;
      for (const auto& [id, probe] : probes) {
        if (IsProbeCandidate(shared_with(probe))) {
          ++negative_candidates;
          break;
        }
      }
    }
    for (const PickupMatch& m : index.Check(c.paragraphs)) {
      ++found;
      const ReleaseProbe& probe = probes.at(m.release_id);
      if (probe.anchors < kMinProbeAnchors) {
        ++too_short;
        continue;
      }
      EXPECT_TRUE(IsProbeCandidate(shared_with(probe)))
          << c.variant << " of release " << m.release_id << " is not found by the probe";
      ++probed;
    }
  }
  std::printf(
      "look-back probe: %d pickups, %d by probe, %d releases too short to probe; %d of %d negatives "
      "are candidates of some release\n",
      found, probed, too_short, negative_candidates, negatives);
  EXPECT_GE(probed, 250);
  EXPECT_LE(too_short, found / 20);
}

}  // namespace
}  // namespace pol::monitor
