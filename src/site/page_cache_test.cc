#include "site/page_cache.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "base/fake_env.h"
#include "store/audit_repo.h"
#include "store/open.h"
#include "store/test_database.h"

namespace pol::site {
namespace {

Page Body(std::string b, int status = 200) {
  Page p;
  p.status = status;
  p.body = std::move(b);
  return p;
}

TEST(PageCache, RendersOncePerGeneration) {
  PageCache cache(nullptr, nullptr);
  int renders = 0;
  auto render = [&] {
    ++renders;
    return Body("صفحه " + std::to_string(renders));
  };
  EXPECT_EQ(cache.Get("/", 1, render).body, "صفحه 1");
  EXPECT_EQ(cache.Get("/", 1, render).body, "صفحه 1");
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(cache.Get("/", 2, render).body, "صفحه 2") << "a new generation renders again";
  EXPECT_EQ(cache.Get("/", 2, render).body, "صفحه 2");
  EXPECT_EQ(cache.Get("/x", 2, render).body, "صفحه 3") << "keys are apart";
  EXPECT_EQ(renders, 3);
}

TEST(PageCache, NeverKeepsServerErrors) {
  PageCache cache(nullptr, nullptr);
  int renders = 0;
  auto render = [&] {
    ++renders;
    return Body("خطا", 500);
  };
  cache.Get("/", 1, render);
  cache.Get("/", 1, render);
  EXPECT_EQ(renders, 2);
  EXPECT_EQ(cache.size(), 0u);
}

TEST(PageCache, StaysWithinItsBudget) {
  PageCache cache(nullptr, nullptr, /*max_bytes=*/4000);
  for (int i = 0; i < 20; ++i)
    cache.Get("/p" + std::to_string(i), 1, [] { return Body(std::string(450, 'x')); });
  EXPECT_LE(cache.size(), 8u);
  EXPECT_GE(cache.size(), 1u);
  int renders = 0;
  cache.Get("/p19", 1, [&] {
    ++renders;
    return Body("");
  });
  EXPECT_EQ(renders, 0) << "the newest entry stays";
}

// The generation follows the content: a write of this process shows at once; one of another process (here
// a raw SQLite connection, as a `pol` command beside the server would write) within kRecheckMs.
TEST(PageCache, GenerationSeesThisProcessAtOnceAndOthersWithinARecheck) {
  const std::filesystem::path dir = store::FreshTestDir("page-cache");
  auto db = store::OpenAndMigrate({.url = (dir / "pol.db").string()});
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  FakeEnv env;
  PageCache cache(db->get(), &env);
  auto g1 = cache.Generation();
  ASSERT_TRUE(g1.ok());
  EXPECT_EQ(*cache.Generation(), *g1) << "nothing changed";

  ASSERT_TRUE((*db)
                  ->Write([](store::Conn& c) {
                    return store::InsertAudit(c, {.at = 1, .action = "publish", .entity = "release"});
                  })
                  .ok());
  auto g2 = cache.Generation();
  ASSERT_TRUE(g2.ok());
  EXPECT_GT(*g2, *g1) << "a write of this process shows at once";

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "pol.db").string().c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other,
                         "INSERT INTO audit_log(at, action, entity, entity_id, detail) "
                         "VALUES (2, 'withdraw', 'release', '1', '{}')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(other);
  sqlite3_close(other);
  EXPECT_EQ(*cache.Generation(), *g2) << "another process's write waits for the recheck";
  env.Advance(PageCache::kRecheckMs);
  EXPECT_GT(*cache.Generation(), *g2) << "and shows once it is due";
  db->reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pol::site
