// The insight dashboard at 1,000,000 monitored items (issue 12, "Speed"; figures in docs/benchmarks.md,
// run by bench/insight_bench.sh):
//
//   insight_bench seed --db FILE                 a year of dashboard data (bench/insight/insight_seed.h)
//   insight_bench widgets --db FILE [--runs N] [--live 1]
//       every widget of the dashboard, timed alone N times (default 20) for the council's week, month
//       and year and for one agency's month (Esfand 1404, the seeded year's last month; "now" is the
//       year's last day): each figure of the KPI strip (its value and its previous period's, as the
//       dashboard computes them), mentions over time, share of voice, top outlets, top negative items,
//       best and worst releases, requests by type and by agency, the closed requests' lists of the
//       handling time, CSAT; and their sum. Prints p50/p95/max in ms. --live 1: counted from the live
//       tables only (InsightScope::live). The whole dashboard and the bulletin PDF: insight_dashboard_bench.
//   insight_bench settle --db FILE
//       recounts every dirty day of the daily mention roll-ups (what the insight.rollups task does after
//       migration 66 opened an existing database), one day a transaction; prints the time.
//   insight_bench writes --db FILE [--n N]
//       write throughput of the two write paths the roll-ups watch, one committed transaction each (as
//       ingest and submission commit): N (default 2,000) media items with one mention each (the store
//       calls ingest makes: InsertMediaItem, AddMediaItemUrl, InsertMention) and N citizens' requests
//       (InsertCitizenRequest + its 'submitted' event). Prints items/s and requests/s.
//
// The database is a copy: `seed` and `writes` change it. The widgets run in-process over the store (no
// HTTP), each in its own read transaction (the dashboard endpoint's handler runs them all in one).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/env.h"
#include "bench/insight/insight_seed.h"
#include "insight/dashboard.h"
#include "store/citizen_repo.h"
#include "store/distribution_repo.h"
#include "store/insight_repo.h"
#include "store/insight_rollup_repo.h"
#include "store/monitor_repo.h"
#include "store/open.h"
#include "text/jalali.h"
#include "text/work_calendar.h"

using namespace pol;

namespace {

constexpr int64_t kDayMs = 86400000, kTehranOffsetMs = 12600000;

double Ms(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// This thread's CPU time in ms: on a shared machine the wall time mostly measures the other processes.
double CpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Timing {
  std::vector<double> ms;
  double Pct(double p) const {
    std::vector<double> v = ms;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
  }
};

void Fail(const Status& st, const char* what) {
  if (st.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, st.ToString().c_str());
  std::exit(1);
}

int64_t CouncilId(store::Database& db, const std::string& slug) {
  int64_t id = 0;
  Fail(db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row r, c.QueryOne("SELECT id FROM councils WHERE slug = ?", {slug}));
    id = r.Int(0);
    return Status::Ok();
  }),
       "council");
  return id;
}

// A period of the seeded year as the dashboard computes it (insight/period.cc; Tehran has no daylight
// saving since 1402): [from, to) of whole Tehran days, and the previous period.
struct Span {
  int64_t from = 0, to = 0, prev_from = 0, prev_to = 0;
};
int64_t DayStart(int64_t day) { return day * kDayMs - kTehranOffsetMs; }
Span PeriodOf(const std::string& kind, int64_t day) {
  auto month = [](int64_t d) {
    text::JalaliDate j = text::JalaliFromDays(d);
    int64_t first = text::DaysFromJalali({j.year, j.month, 1});
    return std::pair{first, first + text::JalaliMonthLength(j.year, j.month)};
  };
  std::pair<int64_t, int64_t> now, prev;
  if (kind == "week") {
    int64_t first = day - text::IranianWeekdayFromDays(day);
    now = {first, first + 7};
    prev = {first - 7, first};
  } else if (kind == "month") {
    now = month(day);
    prev = month(now.first - 1);
  } else {
    text::JalaliDate j = text::JalaliFromDays(day);
    now = {text::DaysFromJalali({j.year, 1, 1}), text::DaysFromJalali({j.year + 1, 1, 1})};
    prev = {text::DaysFromJalali({j.year - 1, 1, 1}), now.first};
  }
  return {DayStart(now.first), DayStart(now.second), DayStart(prev.first), DayStart(prev.second)};
}

int Widgets(store::Database& db, int64_t council, int runs, bool live) {
  const int64_t last_day = bench::SeedFirstDay() + bench::kSeedDays - 1;
  const int64_t now = DayStart(last_day + 1) - 1, day = last_day - 10;
  int64_t agency = 0;
  Fail(db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("SELECT MIN(id) FROM agencies WHERE council_id = ?", {council}));
    agency = r.Int(0);
    return Status::Ok();
  }),
       "agency");
  struct ScopeDef {
    std::string name, period;
    bool agency;
  };
  const std::vector<ScopeDef> scopes = {{"council week", "week", false},
                                        {"council month", "month", false},
                                        {"council year", "year", false},
                                        {"agency month", "month", true}};
  std::printf("%-14s %-26s %10s %10s %10s %10s %10s%s\n", "scope", "widget", "p50 ms", "p95 ms", "max ms",
              "cpu p50", "cpu p95", live ? "   (live counts)" : "");
  for (const ScopeDef& sd : scopes) {
    const Span span = PeriodOf(sd.period, day);
    store::InsightScope s;
    s.council_id = council;
    if (sd.agency) s.agency_id = agency;
    s.from = span.from;
    s.to = span.to;
    s.now = now;
    s.live = live;
    store::InsightScope prev = s;
    prev.from = span.prev_from;
    prev.to = span.prev_to;
    std::vector<std::pair<std::string, std::function<Status(store::Conn&)>>> widgets;
    for (std::string_view m : store::kInsightMetrics) {
      std::string metric(m);
      widgets.emplace_back("kpi " + metric, [metric, s, prev](store::Conn& c) -> Status {
        POL_RETURN_IF_ERROR(store::CountMetric(c, metric, s).status());
        return store::CountMetric(c, metric, prev).status();
      });
    }
    widgets.emplace_back("mentions_over_time",
                         [s](store::Conn& c) { return store::MentionsPerDay(c, s).status(); });
    if (!sd.agency)
      widgets.emplace_back("share_of_voice",
                           [s](store::Conn& c) { return store::MentionsPerAgency(c, s).status(); });
    widgets.emplace_back("top_outlets",
                         [s](store::Conn& c) { return store::MentionsPerOutlet(c, s, 10).status(); });
    widgets.emplace_back("top_negative", [s](store::Conn& c) {
      return store::ListMetric(c, "mentions_negative", s, 5, 0).status();
    });
    widgets.emplace_back("best_releases",
                         [s](store::Conn& c) { return store::ReleasesByPickups(c, s, true, 5).status(); });
    widgets.emplace_back("worst_releases",
                         [s](store::Conn& c) { return store::ReleasesByPickups(c, s, false, 5).status(); });
    widgets.emplace_back("requests_by_type",
                         [s](store::Conn& c) { return store::RequestsPerType(c, s).status(); });
    widgets.emplace_back("requests_by_agency",
                         [s](store::Conn& c) { return store::RequestsPerAgency(c, s).status(); });
    // As the dashboard: the closed requests' (created, closed) times of both periods, each one's office
    // minutes (insight::WorkingMinutesOfSpans, the dashboard's own function) and their median (a sort).
    widgets.emplace_back("handling_time", [s, prev](store::Conn& c) -> Status {
      static const text::WorkCalendar calendar;
      int64_t medians = 0;
      for (const store::InsightScope* scope : {&s, &prev}) {
        POL_ASSIGN_OR_RETURN(auto closed, store::ClosedRequestTimes(c, *scope));
        std::vector<int64_t> minutes = insight::WorkingMinutesOfSpans(calendar, closed);
        if (minutes.empty()) continue;
        std::nth_element(minutes.begin(), minutes.begin() + static_cast<ptrdiff_t>(minutes.size() / 2),
                         minutes.end());
        medians += minutes[minutes.size() / 2];
      }
      return medians >= 0 ? Status::Ok() : Internal("negative office minutes");
    });
    widgets.emplace_back("csat", [s, prev](store::Conn& c) -> Status {
      POL_RETURN_IF_ERROR(store::MeanCsat(c, s).status());
      return store::MeanCsat(c, prev).status();
    });
    Timing all, all_cpu;
    all.ms.assign(static_cast<size_t>(runs), 0.0);
    all_cpu.ms.assign(static_cast<size_t>(runs), 0.0);
    for (const auto& [name, fn] : widgets) {
      Timing t, cpu;
      for (int i = 0; i < runs; ++i) {
        auto t0 = std::chrono::steady_clock::now();
        const double c0 = CpuMs();
        Fail(db.Read(fn), name.c_str());
        cpu.ms.push_back(CpuMs() - c0);
        t.ms.push_back(Ms(std::chrono::steady_clock::now() - t0));
        all.ms[static_cast<size_t>(i)] += t.ms.back();
        all_cpu.ms[static_cast<size_t>(i)] += cpu.ms.back();
      }
      std::printf("%-14s %-26s %10.1f %10.1f %10.1f %10.1f %10.1f\n", sd.name.c_str(), name.c_str(),
                  t.Pct(0.5), t.Pct(0.95), t.Pct(1), cpu.Pct(0.5), cpu.Pct(0.95));
      std::fflush(stdout);
    }
    std::printf("%-14s %-26s %10.1f %10.1f %10.1f %10.1f %10.1f\n", sd.name.c_str(), "(sum of the widgets)",
                all.Pct(0.5), all.Pct(0.95), all.Pct(1), all_cpu.Pct(0.5), all_cpu.Pct(0.95));
  }
  return 0;
}

int Writes(store::Database& db, int64_t council, int n) {
  int64_t agency = 0, source = 0, base = 0;
  Fail(db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("SELECT MIN(id) FROM agencies WHERE council_id = ?", {council}));
    agency = r.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row s,
                         c.QueryOne("SELECT MIN(id) FROM monitor_sources WHERE council_id = ?", {council}));
    source = s.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row m, c.QueryOne("SELECT COALESCE(MAX(id), 0) FROM media_items"));
    base = m.Int(0);
    return Status::Ok();
  }),
       "writes");
  const int64_t now = Env::Default()->NowMillis();
  auto t0 = std::chrono::steady_clock::now();
  double c0 = CpuMs();
  for (int i = 0; i < n; ++i) {
    Fail(db.Write([&](store::Conn& c) -> Status {
      store::MediaItem m;
      m.council_id = council;
      m.source_id = source + i % 12;
      m.outlet = "رسانهٔ " + std::to_string(i % 150);
      m.canonical_url = m.url = "https://ingest.example.ir/" + std::to_string(base + i);
      m.fingerprint = "f" + std::to_string(base + i);
      m.title = "خبر ورودی نمونه " + std::to_string(i);
      m.lead = "خلاصهٔ خبر";
      m.body = "متن خبر دربارهٔ اداره کل تعاون، کار و رفاه اجتماعی استان قزوین";
      m.published_at = now - (i % 48) * 3600000;
      m.fetched_at = now;
      m.tone = i % 3 ? "neutral" : "negative";
      POL_ASSIGN_OR_RETURN(int64_t id, store::InsertMediaItem(c, m));
      POL_RETURN_IF_ERROR(store::AddMediaItemUrl(c, council, m.url, id));
      return store::InsertMention(c, {id, agency + i % 10, 1, 1, "[[0,10]]", ""});
    }),
         "ingest");
  }
  const double ingest_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double ingest_cpu = CpuMs() - c0;
  t0 = std::chrono::steady_clock::now();
  c0 = CpuMs();
  for (int i = 0; i < n; ++i) {
    Fail(db.Write([&](store::Conn& c) -> Status {
      store::CitizenRequest q;
      q.council_id = council;
      q.tracking_code = "W" + std::to_string(now) + "-" + std::to_string(i);
      q.type = "complaint";
      q.subject = "موضوع";
      q.text = "متن درخواست";
      q.agency_id = agency + i % 10;
      q.state = "open";
      q.name = "شهروند";
      q.mobile = "09120000000";
      q.verified = true;
      q.created_at = q.updated_at = now;
      q.resolve_due = now + 7 * kDayMs;
      POL_ASSIGN_OR_RETURN(int64_t id, store::InsertCitizenRequest(c, q));
      store::RequestEvent e;
      e.request_id = id;
      e.at = now;
      e.kind = "submitted";
      e.is_public = true;
      return store::InsertRequestEvent(c, e);
    }),
         "submit");
  }
  const double submit_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double submit_cpu = CpuMs() - c0;
  // Deliveries as distribution writes them: queued, then (another transaction) sent — the second write
  // is the one the deliveries roll-up's trigger counts.
  int64_t release = 0, channel = 0;
  Fail(db.Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(store::Row r,
                         c.QueryOne("SELECT MIN(id) FROM releases WHERE council_id = ?", {council}));
    release = r.Int(0);
    POL_ASSIGN_OR_RETURN(store::Row h,
                         c.QueryOne("SELECT MIN(id) FROM channels WHERE council_id = ? AND kind "
                                    "= 'telegram'",
                                    {council}));
    channel = h.Int(0);
    return Status::Ok();
  }),
       "deliveries");
  t0 = std::chrono::steady_clock::now();
  c0 = CpuMs();
  for (int i = 0; i < n; ++i) {
    store::Delivery d;
    d.release_id = release;
    d.channel_id = channel;
    d.recipient = "bench-" + std::to_string(now) + "-" + std::to_string(i);
    d.state = "queued";
    d.next_at = d.created_at = d.updated_at = now;
    auto id = db.WriteValue([&](store::Conn& c) { return store::InsertDelivery(c, d); });
    Fail(id.status(), "delivery");
    d.id = id->value_or(0);
    d.state = "sent";
    d.attempts = 1;
    d.sent_at = now + i;
    Fail(db.Write([&](store::Conn& c) { return store::SaveDelivery(c, d); }), "sent");
  }
  const double deliver_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double deliver_cpu = CpuMs() - c0;
  // CPU µs per write (this thread: SQL, triggers, the WAL write; not the fsync wait) — on a shared
  // machine the fairer measure of what the triggers cost.
  std::printf("ingest      %d items    %.2f s   cpu %.1f us/item   %.0f items/s\n", n, ingest_s,
              ingest_cpu * 1000 / n, n / ingest_s);
  std::printf("submissions %d requests %.2f s   cpu %.1f us/request   %.0f requests/s\n", n, submit_s,
              submit_cpu * 1000 / n, n / submit_s);
  std::printf("deliveries  %d sent     %.2f s   cpu %.1f us/delivery   %.0f deliveries/s\n", n, deliver_s,
              deliver_cpu * 1000 / n, n / deliver_s);
  return 0;
}

// The insight.rollups task's work on a database just migrated to 66: every dirty day recounted, one a
// transaction (as InsightService::SettleRollups).
int Settle(store::Database& db) {
  auto t0 = std::chrono::steady_clock::now();
  int64_t days = 0, batches = 0;
  double longest = 0;
  for (;;) {
    auto b0 = std::chrono::steady_clock::now();
    auto n = db.WriteValue([](store::Conn& c) { return store::SettleInsightDays(c, 1); });
    Fail(n.status(), "settle");
    if (*n == 0) break;
    longest = std::max(longest, Ms(std::chrono::steady_clock::now() - b0));
    days += *n;
    ++batches;
  }
  std::printf("settled %lld dirty days in %.1f s (%lld transactions, the longest %.0f ms)\n",
              static_cast<long long>(days), Ms(std::chrono::steady_clock::now() - t0) / 1000,
              static_cast<long long>(batches), longest);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: insight_bench seed|settle|widgets|writes --db FILE [--runs N] [--live 1] [--n N] "
                 "[--council SLUG]\n");
    return 2;
  }
  const std::string mode = argv[1];
  std::string db_url, slug = "qazvin-tkr";
  int runs = 20, n = 2000;
  bool live = false;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--db")) db_url = argv[i + 1];
    if (!std::strcmp(argv[i], "--council")) slug = argv[i + 1];
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--live")) live = std::atoi(argv[i + 1]) != 0;
    if (!std::strcmp(argv[i], "--n")) n = std::atoi(argv[i + 1]);
  }
  auto db = store::OpenAndMigrate({.url = db_url});
  Fail(db.status(), "open");
  const int64_t council = CouncilId(**db, slug);
  if (mode == "seed") {
    Fail(bench::SeedInsight(**db, council), "seed");
    return 0;
  }
  if (mode == "widgets") return Widgets(**db, council, runs, live);
  if (mode == "writes") return Writes(**db, council, n);
  if (mode == "settle") return Settle(**db);
  std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
  return 2;
}
