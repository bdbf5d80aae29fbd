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
  // Three sent deliveries and a queued one: the target's triggers count the sent ones into the
  // deliveries roll-up (insight_delivery_days is derived, not copied).
  Status seeded = src.Write([](Conn& c) -> Status {
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO agencies(council_id, slug, name, created_at, updated_at) "
                               "VALUES (1, 'a', 'دستگاه', 1, 1)")
                            .status());
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO channels(council_id, kind, name, created_at, "
                               "updated_at) VALUES (1, 'bale', 'بله', 1, 1)")
                            .status());
    POL_RETURN_IF_ERROR(c.Exec("INSERT INTO releases(agency_id, council_id, status, title, "
                               "created_at, updated_at) VALUES (1, 1, 'published', 'خبر', 1, 1)")
                            .status());
    for (int i = 0; i < 4; ++i) {
      POL_RETURN_IF_ERROR(c.Exec("INSERT INTO deliveries(release_id, channel_id, recipient, "
                                 "state, next_at, created_at, updated_at, sent_at) VALUES "
                                 "(1, 1, ?, ?, 0, 1, 1, ?)",
                                 {"r" + std::to_string(i), std::string(i < 3 ? "sent" : "queued"),
                                  int64_t{86400000} * (i + 1)})
                              .status());
    }
    return Status::Ok();
  });
  ASSERT_TRUE(seeded.ok()) << seeded.ToString();
  auto rolled_up = [&] {
    auto r = dst.ReadValue(
        [](Conn& c) { return c.QueryOne("SELECT COALESCE(SUM(deliveries), 0) FROM insight_delivery_days"); });
    return r.ok() ? r->Int(0) : -1;
  };

  auto first = CopyDatabase(src, dst, {.batch_rows = 3});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  int64_t councils = -1;
  for (const TableCopy& t : *first) {
    EXPECT_TRUE(t.Matches()) << t.table;
    if (t.table == "councils") councils = t.target_rows;
  }
  EXPECT_EQ(councils, 7);
  EXPECT_EQ(rolled_up(), 3);
  EXPECT_EQ(*SharedSecret(dst, "bin", "other", 10), std::string("\0\x01\xfe\xff", 4))
      << "blobs copied as bytes";

  // Interrupted copy: rows missing on the target are copied again, the rest is skipped.
  ASSERT_TRUE(dst.Write([](Conn& c) -> Status {
                   POL_RETURN_IF_ERROR(c.Exec("DELETE FROM deliveries WHERE id = 2").status());
                   return c.Exec("DELETE FROM jobs WHERE id > 4").status();
                 })
                  .ok());
  EXPECT_EQ(rolled_up(), 2);
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
  EXPECT_EQ(rolled_up(), 3) << "the copied-again delivery is counted once";
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
