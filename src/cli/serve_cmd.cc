// pol serve: wires the capabilities into the HTTP server and runs until
// SIGTERM or SIGINT, then shuts down gracefully.
#include <signal.h>
#include <spdlog/spdlog.h>

#include "accounts/login.h"
#include "accounts/sessions.h"
#include "accounts/users.h"
#include "api/routes.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "council/councils.h"
#include "http/server.h"

namespace pol::cli {

int ServeCommand(int argc, char** argv) {
  auto config = LoadConfig(argc, argv);
  if (!config.ok()) return Fail(config.status());
  SetupLogging(config->log_level);

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
  http::Metrics metrics;
  http::StaticFiles console;
  console.Load(config->console_dir);
  if (console.empty()) spdlog::warn("staff console not found in '{}' (build web/ first)", config->console_dir);

  api::Services services{.db = db->get(),
                         .env = env,
                         .sessions = &sessions,
                         .login = &login,
                         .users = &users,
                         .councils = &councils,
                         .metrics = &metrics,
                         .console = &console,
                         .secure_cookies = config->secure_cookies};
  http::Router router;
  api::RegisterAll(router, services);
  http::Pipeline pipeline(&router, &sessions);

  http::ServerOptions options{.host = config->host,
                              .port = config->port,
                              .io_threads = config->io_threads,
                              .worker_threads = config->worker_threads,
                              .access_log = config->access_log};
  http::Server server(options, &pipeline, &metrics);
  metrics.AddGauge("pol_http_open_connections", "Open HTTP connections.",
                   [&server] { return static_cast<double>(server.open_connections()); });
  Status st = server.Start();
  if (!st.ok()) return Fail(st);
  spdlog::info("pol serving {} on http://{}:{}/ (console at /console/)", config->data, config->host, server.port());

  int sig = 0;
  sigwait(&signals, &sig);
  spdlog::info("signal {}: shutting down gracefully", sig);
  server.Shutdown();
  server.Wait();
  spdlog::info("stopped");
  return 0;
}

}  // namespace pol::cli
