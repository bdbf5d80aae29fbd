#include "cli/config.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <toml++/toml.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "store/migrations.h"

#ifndef POL_DEFAULT_CONSOLE_DIR
#define POL_DEFAULT_CONSOLE_DIR ""
#endif

namespace pol::cli {
namespace {

bool Truthy(const std::string& v) { return v == "1" || v == "true" || v == "yes" || v == "on"; }

Status ApplyToml(const std::string& path, Config& c) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument("invalid_config", std::string("پروندهٔ پیکربندی نامعتبر است: ") + path + ": " +
                                                 std::string(e.description()));
  }
  if (auto v = t["data"].value<std::string>()) c.data = *v;
  if (auto v = t["listen"].value<std::string>()) POL_RETURN_IF_ERROR(ParseListen(*v, c));
  if (auto v = t["console_dir"].value<std::string>()) c.console_dir = *v;
  if (auto v = t["log_level"].value<std::string>()) c.log_level = *v;
  if (auto v = t["worker_threads"].value<int64_t>()) c.worker_threads = static_cast<int>(*v);
  if (auto v = t["read_threads"].value<int64_t>()) c.read_threads = static_cast<int>(*v);
  if (auto v = t["io_threads"].value<int64_t>()) c.io_threads = static_cast<int>(*v);
  if (auto v = t["access_log"].value<bool>()) c.access_log = *v;
  if (auto v = t["secure_cookies"].value<bool>()) c.secure_cookies = *v;
  return Status::Ok();
}

}  // namespace

Status ParseListen(const std::string& listen, Config& c) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos)
    return InvalidArgument("invalid_listen", "نشانی شنود باید به شکل HOST:PORT باشد.");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  char* end = nullptr;
  long port = std::strtol(listen.c_str() + colon + 1, &end, 10);
  if (host.empty() || *end != '\0' || port < 0 || port > 65535) {
    return InvalidArgument("invalid_listen", "نشانی شنود باید به شکل HOST:PORT باشد.");
  }
  c.host = host;
  c.port = static_cast<unsigned short>(port);
  return Status::Ok();
}

StatusOr<Config> LoadConfig(int argc, char** argv) {
  Config c;
  c.console_dir = POL_DEFAULT_CONSOLE_DIR;
  std::string flag_data, flag_listen, flag_console;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](std::string& out) -> Status {
      if (i + 1 >= argc) return InvalidArgument("missing_value", "برای " + a + " مقداری داده نشده است.");
      out = argv[++i];
      return Status::Ok();
    };
    if (a == "--data")
      POL_RETURN_IF_ERROR(value(flag_data));
    else if (a == "--listen")
      POL_RETURN_IF_ERROR(value(flag_listen));
    else if (a == "--config")
      POL_RETURN_IF_ERROR(value(c.config_file));
    else if (a == "--console")
      POL_RETURN_IF_ERROR(value(flag_console));
    else
      return InvalidArgument("unknown_flag", "گزینهٔ ناشناخته: " + a);
  }
  const char* env_data = std::getenv("POL_DATA");
  std::string data_hint = !flag_data.empty() ? flag_data : env_data ? env_data : c.data;
  std::string file = c.config_file;
  if (file.empty() && std::filesystem::exists(data_hint + "/pol.toml")) file = data_hint + "/pol.toml";
  if (!file.empty()) POL_RETURN_IF_ERROR(ApplyToml(file, c));
  if (auto* v = std::getenv("POL_DATA")) c.data = v;
  if (auto* v = std::getenv("POL_LISTEN")) POL_RETURN_IF_ERROR(ParseListen(v, c));
  if (auto* v = std::getenv("POL_CONSOLE_DIR")) c.console_dir = v;
  if (auto* v = std::getenv("POL_LOG_LEVEL")) c.log_level = v;
  if (auto* v = std::getenv("POL_WORKER_THREADS")) c.worker_threads = std::max(1, std::atoi(v));
  if (auto* v = std::getenv("POL_READ_THREADS")) c.read_threads = std::max(1, std::atoi(v));
  if (auto* v = std::getenv("POL_IO_THREADS")) c.io_threads = std::max(1, std::atoi(v));
  if (auto* v = std::getenv("POL_ACCESS_LOG")) c.access_log = Truthy(v);
  if (auto* v = std::getenv("POL_SECURE_COOKIES")) c.secure_cookies = Truthy(v);
  if (!flag_data.empty()) c.data = flag_data;
  if (!flag_listen.empty()) POL_RETURN_IF_ERROR(ParseListen(flag_listen, c));
  if (!flag_console.empty()) c.console_dir = flag_console;
  return c;
}

std::string DatabasePath(const Config& c) { return (std::filesystem::path(c.data) / "pol.db").string(); }

store::StoreConfig StoreConfigOf(const Config& c) { return store::StoreConfig{.url = DatabasePath(c)}; }

StatusOr<std::unique_ptr<store::Database>> OpenDataFolder(const Config& c, bool create) {
  std::error_code ec;
  if (!std::filesystem::exists(DatabasePath(c), ec)) {
    if (!create) {
      return FailedPrecondition("no_data_folder",
                                "پوشهٔ داده پیدا نشد؛ نخست «pol init --data " + c.data + "» را اجرا کنید.");
    }
    std::filesystem::create_directories(c.data, ec);
    if (ec) return Internal("cannot create " + c.data + ": " + ec.message());
  }
  POL_ASSIGN_OR_RETURN(auto db, store::Open(StoreConfigOf(c)));
  POL_ASSIGN_OR_RETURN(int applied, db->Migrate(store::AllMigrations()));
  if (applied > 0) spdlog::info("applied {} migration(s) to {}", applied, DatabasePath(c));
  return db;
}

void SetupLogging(const std::string& level, bool async) {
  std::shared_ptr<spdlog::logger> logger;
  if (async) {
    // The server logs a line per request: write them from a background thread so a
    // slow terminal or disk never holds up a request. A full queue blocks (no line is lost).
    spdlog::init_thread_pool(16384, 1);
    logger = spdlog::create_async<spdlog::sinks::stderr_color_sink_mt>("pol");
  } else {
    logger = spdlog::stderr_color_mt("pol");
  }
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
}

int Fail(const Status& s) {
  std::fprintf(stderr, "pol: %s\n", s.message().c_str());
  if (s.code() == StatusCode::kInternal && !s.field().empty())
    std::fprintf(stderr, "  (%s)\n", s.field().c_str());
  return s.code() == StatusCode::kInvalidArgument ? 2 : 1;
}

}  // namespace pol::cli
