// pol serve: loads the configuration, opens the data folder, runs the capability modules
// (app/modules.h) in an app::App — their routes on the HTTP server, their jobs on the worker pools,
// their periodic tasks on the scheduler — until SIGTERM or SIGINT, then shuts down gracefully: the
// server finishes in-flight requests, the scheduler stops, the modules stop in reverse order (the
// distribution pool drains), the shared pool drains.
#include <signal.h>
#include <spdlog/spdlog.h>

#include "app/app.h"
#include "app/modules.h"
#include "cli/commands.h"
#include "cli/config.h"

namespace pol::cli {

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
  {
    app::App app(&config->app, db->get(), Env::Default(),
                 http::ServerOptions{.host = config->host,
                                     .port = config->port,
                                     .io_threads = config->io_threads,
                                     .read_threads = config->read_threads,
                                     .worker_threads = config->worker_threads,
                                     .max_connections = config->max_connections,
                                     .header_timeout = std::chrono::milliseconds(config->header_timeout_ms),
                                     .access_log = config->access_log,
                                     .trusted_proxies = config->trusted_proxies,
                                     .metrics_allow = config->metrics_allow});
    for (auto& module : app::ServeModules()) app.Add(std::move(module));
    if (Status st = app.Init(); !st.ok()) return Fail(st);
    if (Status st = app.Start(); !st.ok()) return Fail(st);
    spdlog::info("pol serving {} on http://{}:{}/ (console at /console/)", config->data, config->host,
                 app.port());
    if (config->app.public_url.empty()) {
      spdlog::warn(
          "public_url (POL_PUBLIC_URL) is not set: absolute links in pages, feeds and the sitemap use "
          "the listen address, {}; set it to the address people use",
          config->app.site.public_url);
    }

    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {}: shutting down gracefully", sig);
    app.Stop();
  }  // the modules are destroyed here, in reverse order
  spdlog::info("stopped");
  spdlog::shutdown();  // drains the async log queue
  return 0;
}

}  // namespace pol::cli
