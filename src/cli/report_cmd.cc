// pol report bulletin --data DIR [--council SLUG] --period day|week|month [--date JALALI]
//                     --format pdf|xlsx|html --out FILE
// pol report scorecard --data DIR [--council SLUG] --period SEASON|YEAR (1405-3, 1405) --format pdf|xlsx
//                      --out FILE
// The scorecard is that of a closed period (insight/scorecard.h); an open or missing period is refused.
// Builds a council's press bulletin (insight/bulletin.h) from the data folder and writes it to FILE
// (atomically, 0600). The council may be left out when the data folder holds exactly one. A progress
// line is drawn on stderr when it is a terminal. Bad arguments: a Persian message and exit code 2.
#include <unistd.h>

#include <cstdio>

#include "base/file.h"
#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "insight/bulletin_service.h"
#include "insight/scorecard.h"
#include "report/fonts.h"
#include "store/council_repo.h"

namespace pol::cli {
namespace {

constexpr char kUsage[] =
    "usage: pol report bulletin [--data DIR] [--council SLUG] --period day|week|month [--date JALALI]\n"
    "                           --format pdf|xlsx|html --out FILE\n"
    "       pol report scorecard [--data DIR] [--council SLUG] --period SEASON|YEAR (1405-3, 1405)\n"
    "                            --format pdf|xlsx --out FILE\n";

class Progress {
 public:
  Progress() : tty_(::isatty(STDERR_FILENO) != 0) {}
  void Step(int n, const char* what) {
    if (!tty_) return;
    std::fprintf(stderr, "\r[%d/4] %s\033[K", n, what);
    std::fflush(stderr);
  }
  ~Progress() {
    if (tty_) std::fprintf(stderr, "\n");
  }

 private:
  bool tty_;
};

StatusOr<int64_t> CouncilId(store::Database* db, const std::string& slug) {
  int64_t id = 0;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    if (!slug.empty()) {
      POL_ASSIGN_OR_RETURN(auto council, store::FindCouncilBySlug(c, slug));
      if (!council) return InvalidArgument("unknown_council", "شورای «" + slug + "» پیدا نشد.", "council");
      id = council->id;
      return Status::Ok();
    }
    POL_ASSIGN_OR_RETURN(auto councils, store::ListCouncils(c));
    if (councils.size() != 1)
      return InvalidArgument("council_required",
                             "چند شورا (یا هیچ شورایی) هست؛ با --council یکی را برگزینید.", "council");
    id = councils[0].id;
    return Status::Ok();
  }));
  return id;
}

int Bulletin(const CommandLine& cl) {
  const std::string period = cl.Option("period"), format = cl.Option("format"), out = cl.Option("out");
  if (period.empty() || format.empty() || out.empty()) {
    std::fprintf(stderr, "pol: دوره (--period)، قالب (--format) و پروندهٔ خروجی (--out) را بدهید.\n%s",
                 kUsage);
    return 2;
  }
  if (period != "day" && period != "week" && period != "month")
    return Fail(InvalidArgument("invalid_period", "دورهٔ بولتن باید day، week یا month باشد.", "period"));
  if (Status st = insight::ValidateBulletinFormat(format); !st.ok()) return Fail(st);
  Progress progress;
  progress.Step(1, "opening the data folder");
  auto config = LoadCommandConfig(cl);
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDataFolder(*config, /*create=*/false);
  if (!db.ok()) return Fail(db.status());
  auto council = CouncilId(db->get(), cl.Option("council"));
  if (!council.ok()) return Fail(council.status());
  progress.Step(2, "building the bulletin");
  Env* env = Env::Default();
  insight::InsightService insight(db->get(), env);
  insight::BulletinService bulletins(
      &insight, db->get(), env, report::DefaultFontDir(config->app.report_font_dir, config->app.console_dir));
  std::optional<std::string> date;
  if (!cl.Option("date").empty()) date = cl.Option("date");
  auto built = insight::BuildBulletin(insight, db->get(), env, accounts::Actor{}, {*council, period, date});
  if (!built.ok()) return Fail(built.status());
  progress.Step(3, "rendering");
  auto file = bulletins.RenderBuilt(std::move(*built), format);
  if (!file.ok()) return Fail(file.status());
  progress.Step(4, "writing");
  if (Status st = WriteFileAtomic(out, file->bytes); !st.ok()) return Fail(st);
  std::printf("%s: %zu bytes, %lld mentions, %zu agencies\n", out.c_str(), file->bytes.size(),
              static_cast<long long>(file->bulletin.annex.size()), file->bulletin.agencies.size());
  return 0;
}

int Scorecard(const CommandLine& cl) {
  const std::string period = cl.Option("period"), format = cl.Option("format"), out = cl.Option("out");
  if (period.empty() || format.empty() || out.empty()) {
    std::fprintf(stderr, "pol: دوره (--period)، قالب (--format) و پروندهٔ خروجی (--out) را بدهید.\n%s",
                 kUsage);
    return 2;
  }
  if (auto name = insight::ParseScorecardPeriod(period); !name.ok()) return Fail(name.status());
  if (format != "pdf" && format != "xlsx")
    return Fail(InvalidArgument("invalid_format", "قالب کارنامه باید pdf یا xlsx باشد.", "format"));
  Progress progress;
  progress.Step(1, "opening the data folder");
  auto config = LoadCommandConfig(cl);
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDataFolder(*config, /*create=*/false);
  if (!db.ok()) return Fail(db.status());
  auto council = CouncilId(db->get(), cl.Option("council"));
  if (!council.ok()) return Fail(council.status());
  progress.Step(2, "reading the closed period");
  insight::ScorecardService scorecards(
      db->get(), Env::Default(), config->app.data_dir,
      report::DefaultFontDir(config->app.report_font_dir, config->app.console_dir));
  progress.Step(3, "rendering");
  insight::ScorecardView view;
  auto file = scorecards.ExportByName(*council, period, format, &view);
  if (!file.ok()) return Fail(file.status());
  progress.Step(4, "writing");
  if (Status st = WriteFileAtomic(out, file->bytes); !st.ok()) return Fail(st);
  std::printf("%s: %zu bytes, %zu agencies, period %s\n", out.c_str(), file->bytes.size(),
              view.agencies.size(), view.code.c_str());
  return 0;
}

}  // namespace

int ReportCommand(int argc, char** argv) {
  auto cl = ParseCommandLine(
      argc, argv, 1,
      {.options = {"council", "period", "date", "format", "out"}, .min_positional = 1, .max_positional = 1});
  if (!cl) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  if (cl->positional[0] == "bulletin") return Bulletin(*cl);
  if (cl->positional[0] == "scorecard") return Scorecard(*cl);
  std::fprintf(stderr, "pol: گزارش «%s» شناخته نیست (bulletin، scorecard).\n%s", cl->positional[0].c_str(),
               kUsage);
  return 2;
}

}  // namespace pol::cli
