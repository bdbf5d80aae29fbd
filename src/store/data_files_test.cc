// CheckDataFiles (data_files.h): every media item and citizens' attachment a row names is looked for in the
// data folder; the missing ones are listed.
#include "store/data_files.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "base/file.h"
#include "store/test_database.h"

namespace pol::store {
namespace {

namespace fs = std::filesystem;

TEST(DataFiles, ListsTheFilesRowsNameThatAreMissing) {
  const fs::path dir = FreshTestDir("data-files");
  auto db = OpenTestDatabase(dir);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE(
      (*db)
          ->Write([](Conn& c) -> Status {
            POL_RETURN_IF_ERROR(c.Exec("INSERT INTO councils(id, slug, name, created_at, updated_at) "
                                       "VALUES (1, 'c', 'شورا', 1, 1)")
                                    .status());
            POL_RETURN_IF_ERROR(c.Exec("INSERT INTO agencies(id, council_id, slug, name, created_at, "
                                       "updated_at) VALUES (1, 1, 'a', 'دستگاه', 1, 1)")
                                    .status());
            for (const char* key : {"ab/abcd", "cd/cdef"}) {
              POL_RETURN_IF_ERROR(c.Exec("INSERT INTO media(agency_id, content_type, sha256, storage_key, "
                                         "created_at) VALUES (1, 'image/png', 'x', ?, 1)",
                                         {std::string(key)})
                                      .status());
            }
            POL_RETURN_IF_ERROR(
                c.Exec("INSERT INTO citizen_requests(id, council_id, tracking_code, type, subject, text, "
                       "state, name, mobile, created_at, updated_at) VALUES (1, 1, '1234567890', "
                       "'question', 's', 't', 'open', 'n', '09120000000', 1, 1)")
                    .status());
            for (const char* sha : {"f00d", "beef"}) {
              POL_RETURN_IF_ERROR(
                  c.Exec("INSERT INTO citizen_attachments(request_id, name, mime, size, "
                         "sha256, created_at) VALUES (1, 'x.pdf', 'application/pdf', 1, ?, 1)",
                         {std::string(sha)})
                      .status());
            }
            return Status::Ok();
          })
          .ok());
  fs::create_directories(dir / "media/ab/abcd");
  ASSERT_TRUE(WriteFileAtomic((dir / "media/ab/abcd/original.png").string(), "png").ok());
  ASSERT_TRUE(WriteFileAtomic((dir / "media/ab/abcd/thumb.jpg").string(), "jpg").ok());
  fs::create_directories(dir / "media/cd/cdef");  // a folder without its original
  ASSERT_TRUE(WriteFileAtomic((dir / "media/cd/cdef/thumb.jpg").string(), "jpg").ok());
  fs::create_directories(dir / "citizen-attachments");
  ASSERT_TRUE(WriteFileAtomic((dir / "citizen-attachments/f00d").string(), "%PDF-").ok());

  auto check = CheckDataFiles(**db, dir.string());
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->media, 2);
  EXPECT_EQ(check->attachments, 2);
  EXPECT_EQ(check->missing,
            (std::vector<std::string>{"citizen-attachments/beef", "media/cd/cdef/original.*"}));

  ASSERT_TRUE(WriteFileAtomic((dir / "media/cd/cdef/original.jpg").string(), "jpg").ok());
  ASSERT_TRUE(WriteFileAtomic((dir / "citizen-attachments/beef").string(), "%PDF-").ok());
  EXPECT_TRUE(CheckDataFiles(**db, dir.string())->missing.empty());
  db->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pol::store
