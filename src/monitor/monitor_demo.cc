// MonitorService::SeedDemo: the starter sources and the demo council's watch terms for `pol demo`.
#include <algorithm>

#include "monitor/monitor.h"
#include "store/council_repo.h"
#include "text/normalize.h"

namespace pol::monitor {

namespace {
struct StarterSource {
  const char* name;
  const char* url;
  const char* kind;
  const char* outlet_type;
  const char* tier;
  double reach;
};
// Real outlets. National agencies publish RSS at these addresses; provincial desks are listing pages.
// Not fetched in tests; created disabled, so nothing is fetched until an administrator enables them.
constexpr StarterSource kStarterSources[] = {
    {"خبرگزاری جمهوری اسلامی (ایرنا)", "https://www.irna.ir/rss", "feed", "agency", "national", 10},
    {"خبرگزاری دانشجویان ایران (ایسنا)", "https://www.isna.ir/rss", "feed", "agency", "national", 9},
    {"خبرگزاری فارس", "https://www.farsnews.ir/rss", "feed", "agency", "national", 9},
    {"خبرگزاری مهر", "https://www.mehrnews.com/rss", "feed", "agency", "national", 8},
    {"خبرگزاری تسنیم", "https://www.tasnimnews.com/fa/rss/feed/0/7/0/", "feed", "agency", "national", 8},
    {"باشگاه خبرنگاران جوان", "https://www.yjc.ir/fa/rss/allnews", "feed", "agency", "national", 7},
    {"خبرگزاری صداوسیما", "https://www.iribnews.ir/fa/rss/allnews", "feed", "broadcaster", "national", 8},
    {"خبرگزاری کار ایران (ایلنا)", "https://www.ilna.ir/fa/rss", "feed", "agency", "national", 6},
    {"خبرآنلاین", "https://www.khabaronline.ir/rss", "feed", "site", "national", 6},
    {"ایرنا قزوین", "https://www.irna.ir/service/province/qazvin", "listing", "agency", "provincial", 4},
    {"ایسنا قزوین", "https://www.isna.ir/service/Province/qazvin", "listing", "agency", "provincial", 4},
    {"مهر قزوین", "https://www.mehrnews.com/service/provinces/qazvin", "listing", "agency", "provincial", 3},
};

struct StarterTerms {
  const char* slug;
  std::vector<std::pair<const char*, const char*>> terms;  // kind, term
};
}  // namespace

Status MonitorService::SeedDemo(int64_t council_id) {
  const std::vector<StarterTerms> kTerms = {
      {"tkr",
       {{"name", "اداره کل تعاون، کار و رفاه اجتماعی استان قزوین"},
        {"name", "تعاون، کار و رفاه اجتماعی"},
        {"name", "وزارت تعاون، کار و رفاه اجتماعی"},
        {"name", "وزارت کار"},
        {"programme", "طرح اشتغال روستایی"}}},
      {"tamin",
       {{"name", "تأمین اجتماعی"}, {"name", "سازمان تأمین اجتماعی"}, {"programme", "بیمهٔ کارگران ساختمانی"}}},
      {"behzisti", {{"name", "بهزیستی"}, {"name", "سازمان بهزیستی"}, {"programme", "مسکن مددجویان"}}},
      {"fanni", {{"name", "آموزش فنی و حرفه‌ای"}, {"name", "فنی و حرفه‌ای"}}},
      {"bazneshastegi", {{"name", "صندوق بازنشستگی کشوری"}, {"name", "بازنشستگی کشوری"}}},
      {"refah", {{"name", "بانک رفاه کارگران"}, {"name", "بانک رفاه"}}},
      {"omid", {{"name", "صندوق کارآفرینی امید"}}},
      {"tosee-taavon", {{"name", "بانک توسعهٔ تعاون"}, {"name", "بانک توسعه تعاون"}}},
      {"roostaei",
       {{"name", "صندوق بیمهٔ اجتماعی کشاورزان، روستاییان و عشایر"}, {"name", "بیمهٔ روستاییان و عشایر"}}},
  };
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto existing, store::ListMonitorSources(c, std::vector<int64_t>{council_id}, now));
    for (const auto& s : kStarterSources) {
      if (std::any_of(existing.begin(), existing.end(),
                      [&](const store::MonitorSource& e) { return e.url == s.url; })) {
        continue;
      }
      store::MonitorSource src{.council_id = council_id,
                               .name = s.name,
                               .url = s.url,
                               .kind = s.kind,
                               .outlet_type = s.outlet_type,
                               .tier = s.tier,
                               .reach_weight = s.reach,
                               .fetch_interval_s = 900,
                               .enabled = false,
                               .created_at = now,
                               .updated_at = now};
      POL_RETURN_IF_ERROR(store::InsertMonitorSource(c, src).status());
    }
    POL_ASSIGN_OR_RETURN(auto terms, store::ListWatchTerms(c, council_id, std::nullopt));
    if (terms.empty()) {
      for (const auto& t : kTerms) {
        POL_ASSIGN_OR_RETURN(auto agency, store::FindAgencyBySlug(c, council_id, t.slug));
        if (!agency) continue;
        for (const auto& [kind, term] : t.terms) {
          POL_RETURN_IF_ERROR(store::InsertWatchTerm(c, {.agency_id = agency->id,
                                                         .kind = kind,
                                                         .term = text::NormalizeDisplay(term),
                                                         .created_at = now})
                                  .status());
        }
      }
    }
    return Status::Ok();
  }));
  return ReloadMentions();
}

}  // namespace pol::monitor
