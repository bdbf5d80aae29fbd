#include <cstdio>
#include <fstream>
#include <sstream>

#include "citizen/demo.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "cli/demo_week.h"
#include "council/demo.h"
#include "monitor/fetcher.h"
#include "monitor/monitor.h"
#include "newsroom/demo.h"
#include "text/number_words.h"

namespace pol::cli {

namespace {

// `--week`: the council's last seven days (cli/demo_week.h), on a new or an already loaded folder.
int LoadWeek(store::Database* db, const Config& config, int64_t council_id) {
  auto week = LoadDemoWeek(db, config, council_id);
  if (!week.ok()) return Fail(week.status());
  if (week->already_loaded) {
    std::printf("هفتهٔ نمونه پیش‌تر بارگذاری شده است.\n");
  } else {
    std::printf(
        "هفتهٔ نمونه بارگذاری شد: %s خبر با عکس، %s خبر رسانه‌ها، %s درخواست مردمی.\n",
        text::PersianNumber(week->releases).c_str(), text::PersianNumber(week->items).c_str(),
        text::PersianNumber(week->requests).c_str());
  }
  return 0;
}

}  // namespace

int DemoCommand(int argc, char** argv) {
  auto cl = ParseCommandLine(argc, argv, 1, {.switches = {"week"}});
  if (!cl) {
    std::fprintf(stderr, "usage: pol demo [--data DIR] [--week]\n");
    return 2;
  }
  const bool week = cl->Switch("week");
  auto config = LoadCommandConfig(*cl);
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDataFolder(*config, /*create=*/true);
  if (!db.ok()) return Fail(db.status());
  auto result = council::LoadDemo(db->get(), Env::Default());
  if (!result.ok()) return Fail(result.status());
  if (result->already_loaded) {
    std::printf("شورای نمونه پیش‌تر در %s بارگذاری شده است.\n",
                config->data.c_str());
    return week ? LoadWeek(db->get(), *config, result->council_id) : 0;
  }
  // The council's founding article becomes the directorate-general's first published release.
  const std::string article_path = config->app.shared_dir + "/data/news/council-founding-article.txt";
  std::ifstream article_file(article_path, std::ios::binary);
  if (article_file) {
    std::stringstream article;
    article << article_file.rdbuf();
    newsroom::ReleaseService releases(db->get(), Env::Default(), nullptr);
    auto loaded = newsroom::LoadFoundingArticle(db->get(), &releases, result->council_id, article.str());
    if (!loaded.ok()) return Fail(loaded.status());
  } else {
    std::fprintf(
        stderr,
        "خبر بنیان‌گذاری شورا پیدا نشد (%s)؛ بدون آن ادامه می‌دهیم.\n",
        article_path.c_str());
  }
  // Media monitoring: the starter list of real outlets (disabled until enabled) and the agencies' watch terms.
  monitor::CurlFetcher fetcher;
  monitor::MonitorService monitoring(db->get(), Env::Default(), nullptr, &fetcher);
  if (Status s = monitoring.SeedDemo(result->council_id); !s.ok()) return Fail(s);
  {
    // Citizens: the routing model trained on the shipped labelled set, templates, rules, sample requests.
    citizen::Router router;
    citizen::RequestOptions options{.data_dir = config->data};
    citizen::RequestService requests(db->get(), Env::Default(), nullptr, nullptr, nullptr, &router, options);
    auto loaded = citizen::LoadCitizenDemo(db->get(), Env::Default(), &requests, result->council_id);
    if (!loaded.ok()) return Fail(loaded.status());
  }
  std::printf("شورای نمونهٔ قزوین بارگذاری شد. ورودهای نمونه (گذرواژهٔ همه: %s):\n", council::kDemoPassword);
  for (const auto& l : result->logins) std::printf("  %-24s %s\n", l.username.c_str(), l.name.c_str());
  return week ? LoadWeek(db->get(), *config, result->council_id) : 0;
}

}  // namespace pol::cli
