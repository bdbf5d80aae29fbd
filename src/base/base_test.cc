#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include <gtest/gtest.h>

#include "base/file.h"
#include "base/hex.h"
#include "base/mutex.h"
#include "base/strings.h"

namespace pol {
namespace {

TEST(Strings, LowerTrimEqualsUrlEncode) {
  EXPECT_EQ(AsciiLower("Content-Type: TEXT/Html; ا"), "content-type: text/html; ا");
  EXPECT_EQ(TrimAscii(" \t\r\nabc \n"), "abc");
  EXPECT_EQ(TrimAsciiLeft("  a "), "a ");
  EXPECT_EQ(TrimAsciiRight("  a "), "  a");
  EXPECT_EQ(TrimAscii("   "), "");
  EXPECT_TRUE(EqualsIgnoreCase("UTF-8", "utf-8"));
  EXPECT_FALSE(EqualsIgnoreCase("utf-8", "utf-16"));
  EXPECT_EQ(UrlEncode("a b/ب~"), "a%20b%2F%D8%A8~");
}

TEST(Hex, EncodesAndHashes) {
  EXPECT_EQ(HexEncode(std::string("\x00\xff\x10", 3)), "00ff10");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc").size(), 32u);
  const std::string tag = StrongEtag("body");
  ASSERT_EQ(tag.size(), 34u);
  EXPECT_EQ(tag.front(), '"');
  EXPECT_EQ(tag.back(), '"');
  EXPECT_EQ(tag.find_first_not_of("0123456789abcdef", 1), 33u);
  EXPECT_EQ(tag, StrongEtag("body"));
  EXPECT_NE(tag, StrongEtag("body "));
}

TEST(File, AtomicWriteReplacesWholeAndLeavesNoTemporaries) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("pol_base_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(CreateDirectories((dir / "a/b").string(), 0700).ok());
  struct stat st {};
  ASSERT_EQ(::stat((dir / "a/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  const std::string path = (dir / "a/b/key").string();
  ASSERT_TRUE(WriteFileAtomic(path, "first", 0600).ok());
  ASSERT_TRUE(WriteFileAtomic(path, "second", 0600).ok());
  auto back = ReadFile(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "second");
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir / "a/b")) ++entries;
  EXPECT_EQ(entries, 1);

  EXPECT_EQ(ReadFile((dir / "missing").string()).status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(WriteFileAtomic((dir / "no/such/dir/f").string(), "x").ok());
  fs::remove_all(dir);
}

TEST(File, CopyHashAndRestrictToOwner) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("pol_base_copy_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  ASSERT_TRUE(CreateDirectories((dir / "in/sub").string()).ok());
  std::string big(200000, 'x');
  for (size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  ASSERT_TRUE(WriteFileAtomic((dir / "in/sub/f").string(), big, 0644).ok());
  ASSERT_TRUE(CreateDirectories((dir / "out").string()).ok());
  auto sha = CopyFileDurable((dir / "in/sub/f").string(), (dir / "out/f").string());
  ASSERT_TRUE(sha.ok()) << sha.status().ToString();
  EXPECT_EQ(*sha, Sha256Hex(big));
  EXPECT_EQ(*Sha256File((dir / "out/f").string()), *sha);
  EXPECT_EQ(*ReadFile((dir / "out/f").string()), big);
  struct stat st {};
  ASSERT_EQ(::stat((dir / "out/f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(CopyFileDurable((dir / "nope").string(), (dir / "out/g").string()).status().code(),
            StatusCode::kNotFound);

  // A tree made loose (by an old version or by hand) is tightened; a symlink is not followed.
  ASSERT_EQ(::chmod((dir / "in").c_str(), 0755), 0);
  ASSERT_EQ(::chmod((dir / "in/sub").c_str(), 0775), 0);
  ASSERT_EQ(::chmod((dir / "out/f").c_str(), 0644), 0);
  fs::create_symlink(dir / "out/f", dir / "in/link");
  auto changed = RestrictTreeToOwner((dir / "in").string());
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, 3);  // in, in/sub, in/sub/f
  for (const char* p : {"in", "in/sub"}) {
    ASSERT_EQ(::stat((dir / p).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u) << p;
  }
  ASSERT_EQ(::stat((dir / "in/sub/f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((dir / "out/f").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u) << "the link's target is outside and untouched";
  EXPECT_EQ(*RestrictTreeToOwner((dir / "in").string()), 0);
  fs::remove_all(dir);
}

TEST(Mutex, CondVarWakesTheWaiterWithTheLockHeld) {
  Mutex mu;
  CondVar cv(&mu);
  bool ready = false;
  std::thread t([&] {
    MutexLock l(&mu);
    ready = true;
    cv.SignalAll();
  });
  {
    MutexLock l(&mu);
    while (!ready) cv.Wait();
    EXPECT_TRUE(ready);
    EXPECT_FALSE(cv.WaitFor(std::chrono::milliseconds(1)));
  }
  t.join();
}

}  // namespace
}  // namespace pol
