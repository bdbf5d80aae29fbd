#include "cli/config.h"

#include <spdlog/async.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <toml++/toml.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "cli/settings.h"
#include "store/migrations.h"

#ifndef POL_DEFAULT_CONSOLE_DIR
#define POL_DEFAULT_CONSOLE_DIR ""
#endif

#ifndef POL_SHARED_DIR
#define POL_SHARED_DIR ""
#endif

namespace pol::cli {
namespace {

Status InSetting(std::string_view where, const Status& st) {
  if (st.ok()) return st;
  return Status(st.code(), st.api_code(), std::string(where) + ": " + st.message(), std::string(where));
}

// A TOML value as the text a variable would hold.
std::optional<std::string> TomlText(const toml::node& n) {
  if (auto v = n.value<std::string>()) return *v;
  if (n.is_boolean()) return *n.value<bool>() ? "true" : "false";
  if (n.is_integer()) return std::to_string(*n.value<int64_t>());
  return std::nullopt;
}

Status ApplyTomlTable(const toml::table& t, const std::string& prefix, const std::string& path, Config& c) {
  for (const auto& [k, node] : t) {
    const std::string key = prefix + std::string(k.str());
    if (const toml::table* sub = node.as_table()) {
      POL_RETURN_IF_ERROR(ApplyTomlTable(*sub, key + ".", path, c));
      continue;
    }
    const SettingSpec* spec = FindSettingByKey(key);
    if (!spec) return InvalidArgument("invalid_config", path + ": تنظیم ناشناخته: " + key);
    std::optional<std::string> text = TomlText(node);
    if (!text) return InvalidArgument("invalid_config", path + ": مقدار نامعتبر برای " + key);
    POL_RETURN_IF_ERROR(InSetting(path + ": " + key, spec->apply(*text, c)));
  }
  return Status::Ok();
}

Status ApplyToml(const std::string& path, Config& c) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return InvalidArgument("invalid_config", std::string("پروندهٔ پیکربندی نامعتبر است: ") + path + ": " +
                                                 std::string(e.description()));
  }
  return ApplyTomlTable(t, "", path, c);
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

std::optional<std::string> ProcessEnv(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

StatusOr<Config> LoadConfig(int argc, char** argv, const EnvLookup& env) {
  Config c;
  c.console_dir = POL_DEFAULT_CONSOLE_DIR;
  c.app.shared_dir = POL_SHARED_DIR;
  // Flags are read first (they name the file) and applied last.
  std::vector<std::pair<const SettingSpec*, std::string>> flags;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc && (a == "--config" || a == "--set" || FindSettingByFlag(a)))
      return InvalidArgument("missing_value", "برای " + a + " مقداری داده نشده است.");
    if (a == "--config") {
      c.config_file = argv[++i];
    } else if (a == "--set") {
      std::string kv = argv[++i];
      size_t eq = kv.find('=');
      const SettingSpec* spec = eq == std::string::npos ? nullptr : FindSettingByKey(kv.substr(0, eq));
      if (!spec) return InvalidArgument("unknown_flag", "تنظیم ناشناخته: --set " + kv);
      flags.emplace_back(spec, kv.substr(eq + 1));
    } else if (const SettingSpec* spec = FindSettingByFlag(a)) {
      flags.emplace_back(spec, argv[++i]);
    } else {
      return InvalidArgument("unknown_flag", "گزینهٔ ناشناخته: " + a);
    }
  }
  // The file: --config, else DATA/pol.toml for the data folder named by a flag or POL_DATA.
  std::string data_hint = env("POL_DATA").value_or(c.data);
  for (const auto& [spec, value] : flags) {
    if (spec->key == "data") data_hint = value;
  }
  std::string file = c.config_file;
  if (file.empty() && std::filesystem::exists(data_hint + "/pol.toml")) file = data_hint + "/pol.toml";
  if (!file.empty()) POL_RETURN_IF_ERROR(ApplyToml(file, c));
  for (const SettingSpec& spec : AllSettings()) {
    std::string name(spec.env);
    if (auto v = env(name.c_str())) POL_RETURN_IF_ERROR(InSetting(name, spec.apply(*v, c)));
  }
  for (const auto& [spec, value] : flags) {
    POL_RETURN_IF_ERROR(InSetting(spec->flag.empty() ? spec->key : spec->flag, spec->apply(value, c)));
  }
  FinishSettings(c);
  return c;
}

std::string DatabasePath(const Config& c) { return (std::filesystem::path(c.data) / "pol.db").string(); }

namespace {
bool IsServerDatabase(const Config& c) {
  return c.db.starts_with("postgresql://") || c.db.starts_with("postgres://");
}
}  // namespace

store::StoreConfig StoreConfigOf(const Config& c) {
  return store::StoreConfig{.url = c.db.empty() ? DatabasePath(c) : c.db};
}

StatusOr<std::unique_ptr<store::Database>> OpenDataFolder(const Config& c, bool create) {
  std::error_code ec;
  if (IsServerDatabase(c)) {
    // The database lives on its server; the data folder still holds media, keys and attachments.
    std::filesystem::create_directories(c.data, ec);
    if (ec) return Internal("cannot create " + c.data + ": " + ec.message());
  } else if (!std::filesystem::exists(c.db.empty() ? DatabasePath(c) : c.db, ec)) {
    if (!create) {
      return FailedPrecondition("no_data_folder",
                                "پوشهٔ داده پیدا نشد؛ نخست «pol init --data " + c.data + "» را اجرا کنید.");
    }
    std::filesystem::create_directories(c.data, ec);
    if (ec) return Internal("cannot create " + c.data + ": " + ec.message());
  }
  POL_ASSIGN_OR_RETURN(auto db, store::Open(StoreConfigOf(c)));
  POL_ASSIGN_OR_RETURN(int applied, db->Migrate(store::AllMigrations()));
  if (applied > 0) spdlog::info("applied {} migration(s) to {}", applied, db->BackendName());
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
