#include "citizen/attachment_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "base/hex.h"
#include "store/test_database.h"

namespace pol::citizen {
namespace {

TEST(AttachmentStore, SniffsTypeByContent) {
  EXPECT_EQ(SniffAttachmentType("\xFF\xD8\xFF\xE0rest"), "image/jpeg");
  EXPECT_EQ(SniffAttachmentType(std::string("\x89PNG\r\n\x1A\n") + "data"), "image/png");
  EXPECT_EQ(SniffAttachmentType(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(SniffAttachmentType("%PDF-1.7"), "application/pdf");
  EXPECT_EQ(SniffAttachmentType("MZ\x90 an exe"), "");
  EXPECT_EQ(SniffAttachmentType("RIFF"), "");
  EXPECT_EQ(SniffAttachmentType(""), "");
}

TEST(AttachmentStore, PutGetRemove) {
  const auto dir = store::FreshTestDir("citizen-attachments");
  AttachmentStore files(dir.string());
  const std::string data = "%PDF-1.7 a letter", sha = Sha256Hex(data);
  ASSERT_TRUE(files.Put(sha, data).ok());
  ASSERT_TRUE(files.Put(sha, data).ok());  // the same bytes again: nothing changes
  auto back = files.Get(sha);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, data);
  const auto path = dir / "citizen-attachments" / sha;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "citizen-attachments"),
                          std::filesystem::directory_iterator()),
            1);
  files.Remove(sha);
  EXPECT_EQ(files.Get(sha).status().code(), StatusCode::kNotFound);
  files.Remove(sha);  // twice is fine
}

}  // namespace
}  // namespace pol::citizen
