// pol serve: wires the capabilities into the HTTP server and runs until
// SIGTERM or SIGINT, then shuts down gracefully.
#include <signal.h>
#include <spdlog/spdlog.h>

#include "accounts/login.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "api/routes.h"
#include "citizen/portal.h"
#include "citizen/requests.h"
#include "citizen/sms.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "council/councils.h"
#include "distribution/distributor.h"
#include "http/server.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "media/images.h"
#include "media/media.h"
#include "monitor/fetcher.h"
#include "monitor/monitor.h"
#include "newsroom/calendar.h"
#include "newsroom/releases.h"
#include "ops/housekeeping.h"
#include "ops/job_admin.h"
#include "site/site.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace pol::cli {
namespace {

// The public site's font: POL_SITE_FONT, else the console build's Vazirmatn, else the npm package's.
std::string SiteFontFile(const std::string& console_dir) {
  namespace fs = std::filesystem;
  if (const char* f = std::getenv("POL_SITE_FONT")) return f;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(fs::path(console_dir) / "assets", ec)) {
    std::string name = e.path().filename().string();
    if (name.starts_with("Vazirmatn") && name.find("wght") != std::string::npos && name.ends_with(".woff2")) {
      return e.path().string();
    }
  }
  fs::path npm = fs::path(console_dir) / ".." / "node_modules/vazirmatn/fonts/webfonts/Vazirmatn[wght].woff2";
  return fs::exists(npm, ec) ? npm.string() : "";
}

std::string EnvOr(const char* name, const char* fallback = "") {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

}  // namespace

int ServeCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging(config->log_level, /*async=*/true);

  // Signals are taken by sigwait() below; block them before any thread starts.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto db = OpenDataFolder(*config, /*create=*/false);
  if (!db.ok()) return Fail(db.status());
  Env* env = Env::Default();

  accounts::SessionManager sessions(db->get(), env);
  accounts::LoginService login(db->get(), env, &sessions);
  accounts::UserService users(db->get(), env, &sessions);
  council::CouncilService councils(db->get(), env);
  jobs::Queue queue(db->get(), env);
  jobs::WorkerPool pool(&queue, {.queues = {"default", monitor::kQueue}, .workers = 2});
  if (Status st = ops::RegisterHousekeeping(pool, db->get(), env, sessions.options()); !st.ok())
    return Fail(st);
  ops::JobAdmin job_admin(&queue, db->get(), env);
  newsroom::ReleaseService releases(db->get(), env, &queue);
  newsroom::CalendarService calendar(db->get(), env);
  // The media library: files under DATA/media/, images through libvips (started once, here).
  if (Status st = media::InitImages(); !st.ok()) return Fail(st);
  auto media_files = media::NewDiskFileStore((std::filesystem::path(config->data) / "media").string());
  media::MediaLibrary media_library(db->get(), env, media_files.get());
  if (Status st = newsroom::RegisterNewsroomJobs(pool, &releases); !st.ok()) return Fail(st);
  // Media monitoring. POL_MONITOR_FETCH_TIMEOUT_MS / POL_MONITOR_MAX_BYTES tune the fetcher (tests use
  // short ones); POL_MONITOR_SCHEDULE=0 turns off the interval scheduler (fetches then run on demand).
  monitor::FetcherOptions fetch_options;
  if (auto v = EnvOr("POL_MONITOR_FETCH_TIMEOUT_MS"); !v.empty()) {
    fetch_options.timeout_ms = std::max<int64_t>(500, std::atoll(v.c_str()));
    fetch_options.stall_timeout_ms = std::min(fetch_options.stall_timeout_ms, fetch_options.timeout_ms);
  }
  if (auto v = EnvOr("POL_MONITOR_MAX_BYTES"); !v.empty())
    fetch_options.max_bytes = std::max<int64_t>(1024, std::atoll(v.c_str()));
  if (auto v = EnvOr("POL_MONITOR_HOST_INTERVAL_MS"); !v.empty())
    fetch_options.per_host_interval_ms = std::atoll(v.c_str());
  monitor::CurlFetcher fetcher(fetch_options);
  monitor::MonitorService monitoring(db->get(), env, &queue, &fetcher);
  if (Status st = monitoring.Start(); !st.ok()) return Fail(st);
  if (Status st = monitor::RegisterMonitorJobs(pool, &monitoring); !st.ok()) return Fail(st);
  const bool monitor_schedule = EnvOr("POL_MONITOR_SCHEDULE", "1") != "0";

  // Distribution: its own worker pool on the "distribution" queue, so slow channels never hold up
  // housekeeping or scheduled publishing. POL_DIST_WORKERS (default 4) and POL_DIST_LEASE_MS (default 30 s;
  // after a crash, a delivery job waits this long before another process takes it over).
  auto secrets = distribution::SecretBox::FromFile(config->data + "/distribution.key");
  if (!secrets.ok()) return Fail(secrets.status());
  std::string public_url = EnvOr("POL_PUBLIC_URL");
  while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
  if (public_url.empty()) public_url = "http://" + config->host + ":" + std::to_string(config->port);
  distribution::Distributor distributor(db->get(), env, &queue, &releases, std::move(*secrets),
                                        distribution::DistributorOptions{.public_url = public_url});
  releases.SetPublishHook([&distributor](store::Conn& c, const store::Release& r, int64_t now) {
    return distributor.OnPublished(c, r, now);
  });
  jobs::WorkerPool dist_pool(
      &queue, {.queues = {distribution::kQueue},
               .workers = std::max(1, std::atoi(EnvOr("POL_DIST_WORKERS", "4").c_str())),
               .lease_ms = std::max<int64_t>(1000, std::atoll(EnvOr("POL_DIST_LEASE_MS", "30000").c_str())),
               .poll_interval_ms = 250,
               .name = "pol-dist"});
  if (Status st = distribution::RegisterDistributionJobs(dist_pool, &distributor); !st.ok()) return Fail(st);
  http::Metrics metrics;
  http::StaticFiles console;
  console.Load(config->console_dir);
  if (console.empty())
    spdlog::warn("staff console not found in '{}' (build web/ first)", config->console_dir);

  // The public site: POL_PUBLIC_URL (canonical links, feeds), POL_SITE_COUNCIL (council slug).
  site::Site public_site(db->get(), env,
                         site::SiteOptions{.council_slug = EnvOr("POL_SITE_COUNCIL"),
                                           .public_url = EnvOr("POL_PUBLIC_URL"),
                                           .font_file = SiteFontFile(config->console_dir)});

  // Citizens: SMS gateway (POL_SMS_*), routing, the request service and the citizens' pages.
  // POL_CITIZEN_RATE_LIMITS=off and POL_CITIZEN_CHALLENGE=off exist for benchmarks and tests;
  // POL_CITIZEN_THURSDAY=off|half|working sets the working week for SLA deadlines.
  auto sms = citizen::SmsProviderFromEnv();
  if (!sms.ok()) return Fail(sms.status());
  citizen::SmsOutbox sms_outbox(sms->get());
  citizen::Router citizen_router;
  citizen::RequestOptions citizen_options{.data_dir = config->data,
                                          .council_slug = EnvOr("POL_SITE_COUNCIL")};
  if (EnvOr("POL_CITIZEN_RATE_LIMITS") == "off") {
    citizen_options.per_ip_per_hour = 0;
    citizen_options.per_mobile_per_hour = 0;
  }
  if (EnvOr("POL_CITIZEN_THURSDAY") == "half")
    citizen_options.work_week.thursday = text::ThursdayPolicy::kHalfDay;
  if (EnvOr("POL_CITIZEN_THURSDAY") == "working")
    citizen_options.work_week.thursday = text::ThursdayPolicy::kWorking;
  citizen::RequestService citizen_requests(db->get(), env, &queue, sms->get(), &sms_outbox, &citizen_router,
                                           citizen_options);
  if (Status st = citizen_requests.LoadRouting(); !st.ok()) return Fail(st);
  if (Status st = citizen::RegisterCitizenJobs(pool, &citizen_requests); !st.ok()) return Fail(st);
  citizen::Portal portal(&citizen_requests, env,
                         citizen::PortalOptions{.font_path = public_site.FontPath(),
                                                .challenge = EnvOr("POL_CITIZEN_CHALLENGE") != "off",
                                                .secure_cookies = config->secure_cookies});

  api::Services services{.db = db->get(),
                         .env = env,
                         .sessions = &sessions,
                         .login = &login,
                         .users = &users,
                         .councils = &councils,
                         .jobs = &job_admin,
                         .releases = &releases,
                         .calendar = &calendar,
                         .media = &media_library,
                         .monitoring = &monitoring,
                         .metrics = &metrics,
                         .console = &console,
                         .site = &public_site,
                         .citizen = &citizen_requests,
                         .portal = &portal,
                         .distribution = &distributor,
                         .secure_cookies = config->secure_cookies};
  http::Router router;
  api::RegisterAll(router, services);
  http::Pipeline pipeline(&router, &sessions);

  http::ServerOptions options{.host = config->host,
                              .port = config->port,
                              .io_threads = config->io_threads,
                              .read_threads = config->read_threads,
                              .worker_threads = config->worker_threads,
                              .access_log = config->access_log};
  http::Server server(options, &pipeline, &metrics);
  metrics.AddGauge("pol_http_open_connections", "Open HTTP connections.",
                   [&server] { return static_cast<double>(server.open_connections()); });
  metrics.AddGauge("pol_jobs_ready", "Jobs waiting to run.", [&queue] {
    double n = 0;
    if (auto stats = queue.Stats(); stats.ok()) {
      for (const auto& d : *stats) n += d.state == jobs::kReady ? static_cast<double>(d.count) : 0;
    }
    return n;
  });
  metrics.AddGauge("pol_jobs_dead", "Jobs that failed for good (dead letters).", [&queue] {
    double n = 0;
    if (auto stats = queue.Stats(); stats.ok()) {
      for (const auto& d : *stats) n += d.state == jobs::kDead ? static_cast<double>(d.count) : 0;
    }
    return n;
  });
  Status st = pool.Start();
  if (!st.ok()) return Fail(st);
  st = dist_pool.Start();
  if (!st.ok()) return Fail(st);
  st = server.Start();
  if (!st.ok()) return Fail(st);

  // Every 30 s: monitoring's due sources; every minute: the citizens' SLA check; every ten minutes: housekeeping.
  std::mutex tick_mu;
  std::condition_variable tick_cv;
  bool stopping = false;
  std::thread scheduler([&] {
    std::unique_lock lock(tick_mu);
    int64_t ticks = 0;
    do {
      if (ticks % 20 == 0) {
        if (Status s = ops::ScheduleHousekeeping(queue, env); !s.ok())
          spdlog::warn("housekeeping: {}", s.ToString());
      }
      lock.unlock();
      if (monitor_schedule) {
        if (auto n = monitoring.ScheduleDue(); !n.ok()) spdlog::warn("monitoring: {}", n.status().ToString());
      }
      if (ticks % 2 == 0) {
        if (auto n = citizen_requests.CheckSla(); !n.ok())
          spdlog::warn("citizen sla: {}", n.status().ToString());
      }
      lock.lock();
      ++ticks;
    } while (!tick_cv.wait_for(lock, std::chrono::seconds(30), [&] { return stopping; }));
  });
  spdlog::info("pol serving {} on http://{}:{}/ (console at /console/)", config->data, config->host,
               server.port());

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("signal {}: shutting down gracefully", sig);
  server.Shutdown();
  server.Wait();
  {
    std::lock_guard lock(tick_mu);
    stopping = true;
  }
  tick_cv.notify_all();
  scheduler.join();
  if (!dist_pool.Stop())
    spdlog::warn("some deliveries were still running at shutdown; their leases will expire");
  if (!pool.Stop()) spdlog::warn("some jobs were still running at shutdown; their leases will expire");
  media::ShutdownImages();
  spdlog::info("stopped");
  spdlog::shutdown();  // drains the async log queue
  return 0;
}

}  // namespace pol::cli
