// For tests only: a fresh folder per test and a migrated database in it.
// The folder is named after the running test and the process, so test binaries
// that CTest runs in parallel never share a database.
//
// TestBackends() lists the backends the store's conformance suite (store_test) runs on; a new backend
// adds its name here and its StoreConfig in TestStoreConfig.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/postgresql_impl/pg_test_database.h"

namespace pol::store {

// An empty folder under the system temp directory, named "pol-<tag>-<pid>-<test>" (a parameterized
// test's "Name/0" becomes "Name_0").
inline std::filesystem::path FreshTestDir(const std::string& tag) {
  std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::replace(test.begin(), test.end(), '/', '_');
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("pol-" + tag + "-" + std::to_string(::getpid()) + "-" + test);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The backends every store test runs on: "sqlite", and "postgresql" when the test-run cluster is up
// (POL_TEST_PG_URL; the CTest entry store_test_postgresql sets it).
inline std::vector<std::string> TestBackends() {
  if (TestPostgresAdminUrl()) return {"sqlite", "postgresql"};
  return {"sqlite"};
}

// The configuration of a fresh test database of `backend` for `dir`: DIR/pol.db, or on PostgreSQL a
// database of the test-run cluster named after `dir` (fresh the first time this process asks).
inline StoreConfig TestStoreConfig(const std::string& backend, const std::filesystem::path& dir) {
  if (backend == "postgresql") {
    auto admin = TestPostgresAdminUrl();
    EXPECT_TRUE(admin.has_value()) << "POL_TEST_PG_URL is not set";
    auto url = TestPostgresDatabase(admin.value_or(""), dir.string());
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    return StoreConfig{.url = url.ok() ? *url : "postgresql://"};
  }
  return StoreConfig{.url = (dir / "pol.db").string()};
}

// Opens DIR/pol.db and applies every migration.
inline StatusOr<std::unique_ptr<Database>> OpenTestDatabase(const std::filesystem::path& dir) {
  return OpenAndMigrate(TestStoreConfig("sqlite", dir));
}

}  // namespace pol::store
