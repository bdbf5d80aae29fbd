// Configuration for `pol`: defaults, then a TOML file (--config FILE, or
// DATA/pol.toml when present), then POL_* environment variables, then flags.
//
//   data = "./pol-data"         POL_DATA          --data DIR
//   listen = "127.0.0.1:8080"   POL_LISTEN        --listen HOST:PORT
//   console_dir = "…/web/dist"  POL_CONSOLE_DIR   --console DIR
//   log_level = "info"          POL_LOG_LEVEL
//   read_threads = 1            POL_READ_THREADS     (GET/HEAD handlers)
//   worker_threads = 4          POL_WORKER_THREADS   (all other handlers)
//   io_threads = 1              POL_IO_THREADS
//   access_log = true           POL_ACCESS_LOG
//   secure_cookies = false      POL_SECURE_COOKIES
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/db.h"
#include "store/open.h"

namespace pol::cli {

struct Config {
  std::string data = "./pol-data";
  std::string host = "127.0.0.1";
  unsigned short port = 8080;
  std::string console_dir;
  std::string log_level = "info";
  int read_threads = 1;
  int worker_threads = 4;
  int io_threads = 1;
  bool access_log = true;
  bool secure_cookies = false;
  std::string config_file;
};

// Parses flags (--data, --listen, --config, --console) over file and env.
StatusOr<Config> LoadConfig(int argc, char** argv);
Status ParseListen(const std::string& listen, Config& c);
std::string DatabasePath(const Config& c);
// The store's options: the database in the data folder (DATA/pol.db, SQLite) for now.
store::StoreConfig StoreConfigOf(const Config& c);
// Creates the data folder if needed, opens and migrates the database.
StatusOr<std::unique_ptr<store::Database>> OpenDataFolder(const Config& c, bool create);
// `async` moves log writing to a background thread (for `pol serve`).
void SetupLogging(const std::string& level, bool async = false);
int Fail(const Status& s);

}  // namespace pol::cli
