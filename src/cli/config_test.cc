// LoadConfig: defaults < TOML file < POL_* environment < flags, the capabilities' options filled from
// them, strict values, and docs/configuration.md documenting every setting.
#include "cli/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/settings.h"

namespace pol::cli {
namespace {

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("pol-config-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  StatusOr<Config> Load(std::vector<std::string> args) {
    args.insert(args.begin(), "serve");
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    return LoadConfig(static_cast<int>(argv.size()), argv.data(), [this](const char* name) {
      auto it = env_.find(name);
      return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
  }
  void WriteToml(const std::string& text) { std::ofstream(dir_ / "pol.toml") << text; }

  std::filesystem::path dir_;
  std::map<std::string, std::string> env_;
};

TEST_F(ConfigTest, Defaults) {
  auto c = Load({});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->data, "./pol-data");
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 8080);
  EXPECT_EQ(c->log_level, "info");
  EXPECT_TRUE(c->access_log);
  const app::Settings& a = c->app;
  EXPECT_EQ(a.data_dir, "./pol-data");
  EXPECT_TRUE(a.monitor.schedule);
  EXPECT_EQ(a.monitor.fetcher.timeout_ms, 30000);
  EXPECT_EQ(a.monitor.fetcher.stall_timeout_ms, 15000);
  EXPECT_EQ(a.monitor.fetcher.max_bytes, 8 << 20);
  EXPECT_EQ(a.monitor.fetcher.per_host_interval_ms, 250);
  EXPECT_EQ(a.distribution.workers, 4);
  EXPECT_EQ(a.distribution.lease_ms, 30000);
  EXPECT_EQ(a.distribution.distributor.public_url, "http://127.0.0.1:8080");
  EXPECT_EQ(a.site.public_url, "http://127.0.0.1:8080") << "never the request's Host: the listen address";
  EXPECT_EQ(a.site.council_slug, "");
  EXPECT_EQ(a.citizen.requests.data_dir, "./pol-data");
  EXPECT_EQ(a.citizen.requests.per_ip_per_hour, 20);
  EXPECT_EQ(a.citizen.requests.per_mobile_per_hour, 5);
  EXPECT_EQ(a.citizen.requests.work_week.thursday, text::ThursdayPolicy::kOff);
  EXPECT_TRUE(a.citizen.portal.challenge);
  EXPECT_FALSE(a.citizen.portal.secure_cookies);
  EXPECT_EQ(a.citizen.sms.provider, "") << "the log provider only when named (issue 17)";
  EXPECT_EQ(a.citizen.sms.kavenegar.base_url, "https://api.kavenegar.com");
}

TEST_F(ConfigTest, EnvironmentFillsTheCapabilitiesOptions) {
  env_ = {{"POL_MONITOR_SCHEDULE", "0"},
          {"POL_MONITOR_FETCH_TIMEOUT_MS", "100"},  // below the floor of 500
          {"POL_MONITOR_MAX_BYTES", "10"},          // below the floor of 1024
          {"POL_MONITOR_HOST_INTERVAL_MS", "0"},
          {"POL_DIST_WORKERS", "0"},
          {"POL_DIST_LEASE_MS", "1500"},
          {"POL_PUBLIC_URL", "https://news.example.ir//"},
          {"POL_SITE_COUNCIL", "qazvin"},
          {"POL_SITE_FONT", "/fonts/v.woff2"},
          {"POL_REPORT_FONT_DIR", "/fonts/vazirmatn"},
          {"POL_CITIZEN_RATE_LIMITS", "off"},
          {"POL_CITIZEN_CHALLENGE", "off"},
          {"POL_CITIZEN_THURSDAY", "half"},
          {"POL_SMS_PROVIDER", "kavenegar"},
          {"POL_SMS_KAVENEGAR_URL", "http://127.0.0.1:9/"},
          {"POL_SMS_API_KEY", "k"},
          {"POL_SMS_SENDER", "1000"},
          {"POL_SHARED_DIR", "/shared"},
          {"POL_SECURE_COOKIES", "yes"},
          {"POL_WORKER_THREADS", "8"},
          {"POL_MAX_CONNECTIONS", "0"},  // below the floor of 1
          {"POL_HEADER_TIMEOUT_MS", "2500"},
          {"POL_TRUSTED_PROXIES", "127.0.0.1/32, ::1"},
          {"POL_METRICS_ALLOW", "10.0.0.0/8"}};
  auto c = Load({});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const app::Settings& a = c->app;
  EXPECT_EQ(c->max_connections, 1u);
  EXPECT_EQ(c->header_timeout_ms, 2500);
  EXPECT_TRUE(c->trusted_proxies.Contains(boost::asio::ip::make_address("::1")));
  EXPECT_FALSE(c->trusted_proxies.Contains(boost::asio::ip::make_address("10.1.2.3")));
  EXPECT_TRUE(c->metrics_allow.Contains(boost::asio::ip::make_address("10.1.2.3")));
  EXPECT_FALSE(a.monitor.schedule);
  EXPECT_EQ(a.monitor.fetcher.timeout_ms, 500);
  EXPECT_EQ(a.monitor.fetcher.stall_timeout_ms, 500);
  EXPECT_EQ(a.monitor.fetcher.max_bytes, 1024);
  EXPECT_EQ(a.monitor.fetcher.per_host_interval_ms, 0);
  EXPECT_EQ(a.distribution.workers, 1);
  EXPECT_EQ(a.distribution.lease_ms, 1500);
  EXPECT_EQ(a.distribution.distributor.public_url, "https://news.example.ir");
  EXPECT_EQ(a.site.public_url, "https://news.example.ir");
  EXPECT_EQ(a.site.council_slug, "qazvin");
  EXPECT_EQ(a.citizen.requests.council_slug, "qazvin");
  EXPECT_EQ(a.site.font_file, "/fonts/v.woff2");
  EXPECT_EQ(a.report_font_dir, "/fonts/vazirmatn");
  EXPECT_EQ(a.citizen.requests.per_ip_per_hour, 0);
  EXPECT_EQ(a.citizen.requests.per_mobile_per_hour, 0);
  EXPECT_FALSE(a.citizen.portal.challenge);
  EXPECT_EQ(a.citizen.requests.work_week.thursday, text::ThursdayPolicy::kHalfDay);
  EXPECT_EQ(a.citizen.sms.provider, "kavenegar");
  EXPECT_EQ(a.citizen.sms.kavenegar.base_url, "http://127.0.0.1:9/");
  EXPECT_EQ(a.citizen.sms.kavenegar.api_key, "k");
  EXPECT_EQ(a.citizen.sms.kavenegar.sender, "1000");
  EXPECT_EQ(a.shared_dir, "/shared");
  EXPECT_TRUE(c->secure_cookies);
  EXPECT_TRUE(a.secure_cookies);
  EXPECT_TRUE(a.citizen.portal.secure_cookies);
  EXPECT_EQ(c->worker_threads, 8);
}

TEST_F(ConfigTest, FlagsOverEnvironmentOverFileOverDefaults) {
  WriteToml(
      "listen = \"0.0.0.0:7000\"\n"
      "log_level = \"debug\"\n"
      "access_log = false\n"
      "public_url = \"https://file.example\"\n"
      "[monitor]\nschedule = false\nmax_bytes = 4096\n"
      "[distribution]\nworkers = 6\n"
      "[citizen]\nthursday = \"working\"\n");
  env_ = {{"POL_DATA", dir_.string()}, {"POL_LOG_LEVEL", "warn"}, {"POL_DIST_WORKERS", "3"}};
  auto c = Load(
      {"--log-level", "error", "--set", "distribution.workers=2", "--public-url", "https://flag.example"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->data, dir_.string());      // env
  EXPECT_EQ(c->port, 7000);               // file
  EXPECT_FALSE(c->access_log);            // file
  EXPECT_EQ(c->log_level, "error");       // flag over env over file
  EXPECT_FALSE(c->app.monitor.schedule);  // file
  EXPECT_EQ(c->app.monitor.fetcher.max_bytes, 4096);
  EXPECT_EQ(c->app.distribution.workers, 2);  // --set over env over file
  EXPECT_EQ(c->app.citizen.requests.work_week.thursday, text::ThursdayPolicy::kWorking);
  EXPECT_EQ(c->app.distribution.distributor.public_url, "https://flag.example");
  EXPECT_EQ(c->app.citizen.requests.data_dir, dir_.string());

  // --config names another file; DATA/pol.toml is then not read.
  std::ofstream(dir_ / "other.toml") << "listen = \"127.0.0.1:7100\"\n";
  c = Load({"--config", (dir_ / "other.toml").string()});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->port, 7100);
  EXPECT_EQ(c->log_level, "warn");
  EXPECT_TRUE(c->app.monitor.schedule);
  // The distribution links follow the final listen address when no public URL is set.
  EXPECT_EQ(c->app.distribution.distributor.public_url, "http://127.0.0.1:7100");
}

TEST_F(ConfigTest, RefusesUnknownAndWrongSettings) {
  auto expect_invalid = [&](std::vector<std::string> args, const std::string& mentions) {
    auto c = Load(args);
    ASSERT_FALSE(c.ok()) << "accepted " << ::testing::PrintToString(args);
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(c.status().message().find(mentions), std::string::npos) << c.status().message();
  };
  expect_invalid({"--nope"}, "--nope");
  expect_invalid({"--data"}, "--data");
  expect_invalid({"--set", "monitor.nope=1"}, "monitor.nope");
  expect_invalid({"--set", "monitor.schedule=maybe"}, "monitor.schedule");
  expect_invalid({"--listen", "nowhere"}, "--listen");
  expect_invalid({"--set", "trusted_proxies=10.0.0.0/33"}, "trusted_proxies");
  expect_invalid({"--set", "metrics_allow=everyone"}, "metrics_allow");
  env_ = {{"POL_DIST_WORKERS", "four"}};
  expect_invalid({}, "POL_DIST_WORKERS");
  env_ = {{"POL_CITIZEN_THURSDAY", "sometimes"}};
  expect_invalid({}, "POL_CITIZEN_THURSDAY");
  env_ = {{"POL_DATA", dir_.string()}};
  WriteToml("[monitor]\ntypo = 1\n");
  expect_invalid({}, "monitor.typo");
  WriteToml("[monitor]\nfetch_timeout_ms = [1]\n");
  expect_invalid({}, "monitor.fetch_timeout_ms");
  WriteToml("listen = \n");
  expect_invalid({}, "pol.toml");
}

TEST(SettingsTableTest, EverySettingIsDocumented) {
  std::ifstream in(std::string(POL_SOURCE_DIR) + "/docs/configuration.md");
  ASSERT_TRUE(in) << "docs/configuration.md is missing";
  std::stringstream doc;
  doc << in.rdbuf();
  const std::string text = doc.str();
  std::set<std::string_view> keys, envs;
  for (const SettingSpec& s : AllSettings()) {
    EXPECT_TRUE(keys.insert(s.key).second) << "duplicate key " << s.key;
    EXPECT_TRUE(envs.insert(s.env).second) << "duplicate variable " << s.env;
    EXPECT_TRUE(s.env.starts_with("POL_")) << s.env;
    EXPECT_NE(text.find("`" + std::string(s.key) + "`"), std::string::npos) << s.key << " is not documented";
    EXPECT_NE(text.find("`" + std::string(s.env) + "`"), std::string::npos) << s.env << " is not documented";
    if (!s.flag.empty()) {
      EXPECT_NE(text.find("`" + std::string(s.flag)), std::string::npos) << s.flag << " is not documented";
    }
  }
}

}  // namespace
}  // namespace pol::cli
