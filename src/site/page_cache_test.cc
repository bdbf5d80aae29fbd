#include "site/page_cache.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace pol::site
