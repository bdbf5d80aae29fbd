// For tests only: a fresh folder per test and a migrated SQLite database in it.
// The folder is named after the running test and the process, so test binaries
// that CTest runs in parallel never share a database.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/db.h"
#include "store/migrations.h"

namespace pol::store {

// An empty folder under the system temp directory, named "pol-<tag>-<pid>-<test>".
inline std::filesystem::path FreshTestDir(const std::string& tag) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() /
                              ("pol-" + tag + "-" + std::to_string(::getpid()) + "-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Opens DIR/pol.db and applies every migration.
inline StatusOr<std::unique_ptr<Database>> OpenTestDatabase(const std::filesystem::path& dir) {
  POL_ASSIGN_OR_RETURN(auto db, OpenSqlite({.path = (dir / "pol.db").string()}));
  POL_RETURN_IF_ERROR(db->Migrate(AllMigrations()).status());
  return db;
}

}  // namespace pol::store
