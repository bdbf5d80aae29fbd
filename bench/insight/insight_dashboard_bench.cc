// The whole dashboard and the weekly bulletin PDF at 1,000,000 items (issue 12, "Speed"; run by
// bench/insight_bench.sh on the database insight_bench seeded):
//
//   insight_dashboard_bench --db FILE [--runs N] [--pdf-runs M] --fonts DIR
//
// InsightService::GetDashboard (every widget in one read transaction, the handling time's office
// minutes included) N times (default 5) for the council's week, month and year and one agency's month
// (Esfand 1404; "now" is the seeded year's last day), then BulletinService::Render(pdf) of the council's
// week M times (default 3; the annex lists every mention of the week). Prints p50/p95/max in ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench/insight/insight_seed.h"
#include "insight/bulletin_service.h"
#include "insight/dashboard.h"
#include "store/open.h"
#include "text/jalali.h"

using namespace pol;

namespace {

class FixedEnv final : public Env {
 public:
  explicit FixedEnv(int64_t now) : now_(now) {}
  int64_t NowMillis() override { return now_; }
  int64_t MonotonicNanos() override { return Env::Default()->MonotonicNanos(); }
  std::string RandomBytes(size_t n) override { return Env::Default()->RandomBytes(n); }

 private:
  int64_t now_;
};

void Fail(const Status& st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, st.ToString().c_str());
  std::exit(1);
}

void Print(const char* scope, const char* what, std::vector<double> ms, const std::string& note = "") {
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(p * (ms.size() - 1) + 0.5))];
  };
  std::printf("%-14s %-26s %10.1f %10.1f %10.1f %s\n", scope, what, pct(0.5), pct(0.95), ms.back(),
              note.c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_url, fonts;
  int runs = 5, pdf_runs = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db_url = argv[i + 1];
    if (!std::strcmp(argv[i], "--fonts")) fonts = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--pdf-runs")) pdf_runs = std::atoi(argv[i + 1]);
  }
  if (db_url.empty()) {
    std::fprintf(stderr, "usage: insight_dashboard_bench --db FILE [--runs N] [--pdf-runs M] --fonts DIR\n");
    return 2;
  }
  auto db = store::OpenAndMigrate({.url = db_url});
  Fail(db.status(), "open");
  const int64_t last_day = bench::SeedFirstDay() + bench::kSeedDays - 1;
  FixedEnv env((last_day + 1) * 86400000 - 12600000 - 1);
  insight::InsightService service(db->get(), &env);
  const accounts::Actor system{nullptr, "bench"};
  const std::string date = text::FormatJalali(text::JalaliFromDays(last_day - 10), "yyyy/MM/dd", true);
  int64_t council = 0, agency = 0;
  Fail((*db)->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT id FROM councils WHERE slug = 'qazvin-tkr'"));
    council = r.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row a,
                         c.QueryOne("SELECT MIN(id) FROM agencies WHERE council_id = ?", {council}));
    agency = a.Int(0);
    return Status::Ok();
  }),
       "council");
  struct Def {
    const char* name;
    const char* period;
    bool agency;
  };
  for (const Def& d : {Def{"council week", "week", false}, Def{"council month", "month", false},
                       Def{"council year", "year", false}, Def{"agency month", "month", true}}) {
    insight::DashboardRequest req;
    req.period.kind = d.period;
    req.period.date = date;
    if (d.agency)
      req.agency_id = agency;
    else
      req.council_id = council;
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      Fail(service.GetDashboard(system, req).status(), "dashboard");
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    Print(d.name, "(whole dashboard)", ms);
  }
  if (pdf_runs > 0) {
    insight::BulletinService bulletins(&service, db->get(), &env, fonts);
    insight::BulletinRequest br{council, "week", date};
    std::vector<double> ms;
    size_t bytes = 0;
    for (int i = 0; i < pdf_runs; ++i) {
      auto t0 = std::chrono::steady_clock::now();
      auto f = bulletins.Render(system, br, "pdf");
      Fail(f.status(), "bulletin");
      ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      bytes = f->bytes.size();
    }
    Print("council week", "bulletin PDF", ms, "(" + std::to_string(bytes) + " bytes)");
  }
  return 0;
}
