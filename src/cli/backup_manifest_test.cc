// The backup manifest: round trip, and what `pol restore` must refuse (a cut-short manifest, paths
// that would escape the target folder).
#include "cli/backup_manifest.h"

#include <gtest/gtest.h>

namespace pol::cli {
namespace {

const std::string kSha(64, 'a');

TEST(BackupManifest, RoundTrips) {
  BackupManifest m{.backend = "sqlite", .schema_version = 12, .created_at_ms = 1764850000000, .files = {}};
  m.files.push_back({"pol.db", 4096, kSha});
  m.files.push_back({"media/ab/abc/original.png", 10, kSha});
  m.files.push_back({"a folder/with spaces.txt", 0, kSha});
  const std::string text = RenderManifest(m);
  auto back = ParseManifest(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->backend, "sqlite");
  EXPECT_EQ(back->schema_version, 12);
  EXPECT_EQ(back->created_at_ms, 1764850000000);
  ASSERT_EQ(back->files.size(), 3u);
  EXPECT_EQ(back->files[2].path, "a folder/with spaces.txt");
  EXPECT_EQ(back->files[1].bytes, 10u);

  // Cut short anywhere before the end line: refused.
  const size_t end = text.rfind("end ");
  for (size_t cut : {size_t{0}, size_t{5}, text.find("file"), end, text.size() - 1}) {
    EXPECT_EQ(ParseManifest(text.substr(0, cut)).status().api_code(), "invalid_backup") << cut;
  }
  EXPECT_FALSE(ParseManifest(text + "file " + kSha + " 1 extra\n").ok());
}

TEST(BackupManifest, PathsCannotLeaveTheFolder) {
  for (const char* bad :
       {"../etc/passwd", "/etc/passwd", "media/../../x", "a//b", "./pol.db", "a/", "", "a\nb"}) {
    EXPECT_FALSE(SafeRelativePath(bad)) << bad;
    const std::string text = "pol-backup 1\nbackend sqlite\nschema_version 1\ncreated_at_ms 1\nfile " + kSha +
                             " 1 pol.db\nfile " + kSha + " 1 " + bad + "\nend 2\n";
    EXPECT_FALSE(ParseManifest(text).ok()) << bad;
  }
  for (const char* good : {"pol.db", "media/ab/x.jpg", "distribution.key", "..hidden", "a..b"}) {
    EXPECT_TRUE(SafeRelativePath(good)) << good;
  }
  // The database must come first.
  EXPECT_FALSE(ParseManifest("pol-backup 1\nbackend sqlite\nfile " + kSha + " 1 media/x\nend 1\n").ok());
}

}  // namespace
}  // namespace pol::cli
