// Configuration for `pol`: defaults, then a TOML file (--config FILE, or DATA/pol.toml when present),
// then POL_* environment variables, then flags — later wins. Every setting, its TOML key, variable,
// flag and default is in the table of cli/settings.h and in docs/configuration.md; any setting may be
// given on the command line as --set KEY=VALUE. The capabilities' options (Config::app) are filled here;
// capabilities never read the environment.
//
//   data = "./pol-data"         POL_DATA          --data DIR
//   listen = "127.0.0.1:8080"   POL_LISTEN        --listen HOST:PORT
//   [monitor] schedule = true   POL_MONITOR_SCHEDULE   --set monitor.schedule=off
//   …
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "app/settings.h"
#include "base/status.h"
#include "http/client_address.h"
#include "store/db.h"
#include "store/open.h"

namespace pol::cli {

struct Config {
  std::string data = "./pol-data";
  std::string db;  // the database URL; empty: DATA/pol.db (SQLite)
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string console_dir;
  std::string log_level = "info";
  int read_threads = 0;  // 0: one per processor core (http::ServerOptions)
  int worker_threads = 4;
  int io_threads = 1;
  bool access_log = true;
  size_t max_connections = 1024;
  int64_t header_timeout_ms = 10000;
  http::NetworkList trusted_proxies;
  http::NetworkList metrics_allow;
  bool secure_cookies = false;
  std::string config_file;
  app::Settings app;  // the capabilities' options (app/settings.h)
};

// Looks up an environment variable; nullopt when unset. Empty values count as unset.
using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
std::optional<std::string> ProcessEnv(const char* name);

// Parses flags (--data, --listen, --config, --console, --log-level, --public-url, --site-council,
// --shared, --set KEY=VALUE) over the environment over the file over the defaults.
StatusOr<Config> LoadConfig(int argc, char** argv, const EnvLookup& env = ProcessEnv);
Status ParseListen(const std::string& listen, Config& c);
std::string DatabasePath(const Config& c);
// The store's options: `db` when set (postgresql://… or an SQLite file), else DATA/pol.db (SQLite).
store::StoreConfig StoreConfigOf(const Config& c);
// Creates the data folder if needed, opens and migrates the database.
StatusOr<std::unique_ptr<store::Database>> OpenDataFolder(const Config& c, bool create);
// `async` moves log writing to a background thread (for `pol serve`).
void SetupLogging(const std::string& level, bool async = false);
int Fail(const Status& s);

}  // namespace pol::cli
