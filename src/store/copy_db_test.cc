// Copying an SQLite database into PostgreSQL (copy_db.h, `pol migrate-db`): every row with its id, the
// sequences moved on, counts and checksums equal, and a second run resumes (only what is missing).
#include "store/copy_db.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/council_repo.h"
#include "store/job_repo.h"
#include "store/lease_repo.h"
#include "store/migrations.h"
#include "store/open.h"
#include "store/test_database.h"

namespace pol::store {
namespace {

TEST(CopyDbTest, CopiesEveryRowAndResumes) {
  if (!TestPostgresAdminUrl()) GTEST_SKIP() << "needs POL_TEST_PG_URL (store_test_postgresql)";
  const auto dir = FreshTestDir("copy-db");
  auto from = OpenTestDatabase(dir);
  ASSERT_TRUE(from.ok()) << from.status().ToString();
  std::filesystem::create_directories(dir / "pg");
  auto to = OpenAndMigrate(TestStoreConfig("postgresql", dir / "pg"));
  ASSERT_TRUE(to.ok()) << to.status().ToString();
  Database& src = **from;
  Database& dst = **to;

  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(src.Write([&](Conn& c) -> Status {
                     POL_RETURN_IF_ERROR(InsertCouncil(c, Council{.slug = "c" + std::to_string(i),
                                                                  .name = "شورای شمارهٔ " + std::to_string(i),
                                                                  .created_at = 1000 + i})
                                             .status());
                     return InsertJob(c, JobRow{.queue = "q",
                                                .kind = "k",
                                                .payload = "{\"n\":" + std::to_string(i) + "}",
                                                .run_at = 5,
                                                .created_at = 5})
                         .status();
                   })
                    .ok());
  }
  ASSERT_TRUE(SharedSecret(src, "bin", std::string("\0\x01\xfe\xff", 4), 9).ok());

  auto first = CopyDatabase(src, dst, {.batch_rows = 3});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  int64_t councils = -1;
  for (const TableCopy& t : *first) {
    EXPECT_TRUE(t.Matches()) << t.table;
    if (t.table == "councils") councils = t.target_rows;
  }
  EXPECT_EQ(councils, 7);
  EXPECT_EQ(*SharedSecret(dst, "bin", "other", 10), std::string("\0\x01\xfe\xff", 4))
      << "blobs copied as bytes";

  // Interrupted copy: rows missing on the target are copied again, the rest is skipped.
  ASSERT_TRUE(dst.Write([](Conn& c) { return c.Exec("DELETE FROM jobs WHERE id > 4").status(); }).ok());
  auto again = CopyDatabase(src, dst);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  for (const TableCopy& t : *again) {
    EXPECT_TRUE(t.Matches()) << t.table;
    if (t.table == "jobs") {
      EXPECT_FALSE(t.skipped);
      EXPECT_EQ(t.copied, 3);
    } else if (t.table == "councils") {
      EXPECT_TRUE(t.skipped);
    }
  }
  // The identity sequence continues after the copied ids.
  auto id = dst.WriteValue([](Conn& c) {
    return InsertCouncil(c, Council{.slug = "new", .name = "شورای تازه", .created_at = 2});
  });
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(*id, 8);
  // A target that differs from the source is reported by table.
  ASSERT_TRUE(
      src.Write([](Conn& c) { return c.Exec("UPDATE councils SET name = 'x' WHERE id = 1").status(); }).ok());
  auto mismatch = CopyDatabase(src, dst);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().api_code(), "copy_mismatch");
  EXPECT_NE(mismatch.status().message().find("councils"), std::string::npos) << mismatch.status().ToString();
  EXPECT_EQ(mismatch.status().message().find("jobs"), std::string::npos) << "only the table that differs";
  from->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pol::store
