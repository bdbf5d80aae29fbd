// The media library with real images (made with libvips here), a real SQLite
// database and real files in a temporary folder.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <filesystem>
#include <map>

#include "accounts/test_principals.h"
#include "base/fake_env.h"
#include "media/images.h"
#include "media/media.h"
#include "store/council_repo.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "store/user_repo.h"

namespace pol::media {
namespace {

using accounts::Actor;
using accounts::Principal;
using accounts::testing::AddTestUser;
using accounts::testing::As;
namespace fs = std::filesystem;

// An RGB(A) image: left half dark, right half light (so a rotation shows).
std::string MakeImage(int w, int h, const char* suffix, int bands = 3, int quality = 90) {
  std::vector<unsigned char> px(static_cast<size_t>(w) * h * bands);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      unsigned char* p = &px[(static_cast<size_t>(y) * w + x) * bands];
      const unsigned char v = x < w / 2 ? 20 : 235;
      p[0] = v;
      p[1] = static_cast<unsigned char>(v / 2 + (y * 50) / h);
      p[2] = v;
      if (bands == 4) p[3] = 200;
    }
  }
  VipsImage* img = vips_image_new_from_memory_copy(px.data(), px.size(), w, h, bands, VIPS_FORMAT_UCHAR);
  EXPECT_NE(img, nullptr);
  void* buf = nullptr;
  size_t len = 0;
  int rc = std::string(suffix) == ".jpg"
               ? vips_image_write_to_buffer(img, suffix, &buf, &len, "Q", quality, nullptr)
               : vips_image_write_to_buffer(img, suffix, &buf, &len, nullptr);
  g_object_unref(img);
  EXPECT_EQ(rc, 0) << vips_error_buffer();
  std::string out(static_cast<char*>(buf), len);
  g_free(buf);
  return out;
}

void Put16(std::string& s, int v) {
  s += static_cast<char>((v >> 8) & 0xFF);
  s += static_cast<char>(v & 0xFF);
}
void Put32(std::string& s, uint32_t v) {
  for (int sh = 24; sh >= 0; sh -= 8) s += static_cast<char>((v >> sh) & 0xFF);
}

// A JPEG with an EXIF block: Orientation = 6 (rotate 90° clockwise to show) and a GPS position.
std::string WithExif(const std::string& jpeg) {
  std::string t = "MM";
  Put16(t, 42);
  Put32(t, 8);
  // IFD0 at 8: Orientation, GPS IFD pointer.
  Put16(t, 2);
  Put16(t, 0x0112), Put16(t, 3), Put32(t, 1), Put16(t, 6), Put16(t, 0);
  Put16(t, 0x8825), Put16(t, 4), Put32(t, 1), Put32(t, 38);
  Put32(t, 0);
  // GPS IFD at 38: latitude ref "N", latitude 36° 17' 0" (Qazvin) as three rationals at 68.
  Put16(t, 2);
  Put16(t, 0x0001), Put16(t, 2), Put32(t, 2), t += std::string("N\0\0\0", 4);
  Put16(t, 0x0002), Put16(t, 5), Put32(t, 3), Put32(t, 68);
  Put32(t, 0);
  for (uint32_t v : {36u, 17u, 0u}) Put32(t, v), Put32(t, 1);
  std::string app1 = "\xFF\xE1";
  Put16(app1, static_cast<int>(2 + 6 + t.size()));
  app1 += std::string("Exif\0\0", 6) + t;
  return jpeg.substr(0, 2) + app1 + jpeg.substr(2);
}

uint32_t Crc32(const std::string& s) {
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

// A valid PNG header that claims w×h pixels, with almost no data (a decompression bomb's shape);
// 8-bit RGB unless told (colour type 6 = RGBA).
std::string PngHeaderOnly(uint32_t w, uint32_t h, char bit_depth = 8, char colour_type = 2) {
  std::string png("\x89PNG\r\n\x1A\n", 8);
  std::string ihdr = "IHDR";
  Put32(ihdr, w);
  Put32(ihdr, h);
  ihdr += bit_depth;
  ihdr += colour_type;
  ihdr += std::string("\x00\x00\x00", 3);
  Put32(png, 13);
  png += ihdr;
  Put32(png, Crc32(ihdr));
  std::string idat = std::string("IDAT") + std::string("\x78\x9C\x03\x00\x00\x00\x00\x01", 8);
  Put32(png, 8);
  png += idat;
  Put32(png, Crc32(idat));
  Put32(png, 0);
  png += "IEND";
  Put32(png, Crc32("IEND"));
  return png;
}

struct Loaded {
  VipsImage* img = nullptr;
  ~Loaded() {
    if (img) g_object_unref(img);
  }
};

// Loads an encoded image fully (vips' own detection) for checking the output.
void Load(const std::string& bytes, Loaded& out) {
  out.img = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  ASSERT_NE(out.img, nullptr) << vips_error_buffer();
}

class FailingStore final : public FileStore {
 public:
  Status Put(const std::string&, std::string_view) override { return Internal("disk full"); }
  StatusOr<std::string> Get(const std::string&) override { return NotFound(); }
  bool Exists(const std::string&) override { return false; }
  Status Remove(const std::string&) override { return Internal("disk full"); }
};

class MediaTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(InitImages().ok()); }

  void SetUp() override {
    dir_ = store::FreshTestDir("media-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    files_ = NewDiskFileStore((dir_ / "media").string());
    lib_ = std::make_unique<MediaLibrary>(db_.get(), &env_, files_.get());
    ASSERT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(store::TestCouncil t, store::InsertTestCouncilWithAgencies(c));
             council_ = t.council;
             tamin_ = t.tamin;
             behzisti_ = t.behzisti;
             POL_RETURN_IF_ERROR(AddTestUser(c, editor_, "editor", {"agency_editor", council_, tamin_}));
             POL_RETURN_IF_ERROR(AddTestUser(c, desk_, "desk", {"citizen_desk", council_, tamin_}));
             POL_RETURN_IF_ERROR(AddTestUser(c, other_, "other", {"agency_editor", council_, behzisti_}));
             POL_RETURN_IF_ERROR(
                 AddTestUser(c, committee_, "committee", {"committee_member", council_, std::nullopt}));
             return Status::Ok();
           })
            .ok());
  }
  void TearDown() override {
    lib_.reset();
    db_.reset();
    fs::remove_all(dir_);
  }

  int64_t Rows(const char* table) {
    int64_t n = -1;
    EXPECT_TRUE(db_->Read([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(store::Row r,
                                          c.QueryOne(std::string("SELECT COUNT(*) FROM ") + table));
                     n = r.Int(0);
                     return Status::Ok();
                   })
                    .ok());
    return n;
  }
  size_t FilesOnDisk() {
    std::error_code ec;
    size_t n = 0;
    for (auto it = fs::recursive_directory_iterator(dir_ / "media", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file()) ++n;
    }
    return n;
  }
  // The upload fails with `code` and changes nothing: no row, no audit entry, no file.
  void ExpectRefused(const Principal& who, int64_t agency, const std::string& bytes,
                     const std::string& code) {
    const int64_t media = Rows("media"), audit = Rows("audit_log");
    auto r = lib_->Upload(As(who), agency, "زیرنویس", bytes);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().api_code(), code) << r.status().ToString();
    EXPECT_NE(r.status().message().find_first_of("\xD8\xD9\xDA\xDB"), std::string::npos)
        << "a Persian message";
    EXPECT_EQ(Rows("media"), media);
    EXPECT_EQ(Rows("audit_log"), audit);
    EXPECT_EQ(FilesOnDisk(), 0u);
  }

  // The 2000×1000 upload's phone and WebP variants: 800 px and 1280 px wide, each smaller than the large
  // JPEG it stands in for, with the right type and a distinct ETag.
  void ExpectPhoneVariants(const MediaItem& m, const std::string& large_jpeg) {
    struct Want {
      Variant v;
      const char* type;
      int width;
    };
    std::map<Variant, std::string> bodies;
    for (Want w : {Want{Variant::kMedium, "image/jpeg", 800}, Want{Variant::kLargeWebp, "image/webp", 1280},
                   Want{Variant::kMediumWebp, "image/webp", 800}}) {
      auto f = lib_->Read(&editor_, m.id, w.v);
      ASSERT_TRUE(f.ok()) << VariantName(w.v) << ": " << f.status().ToString();
      EXPECT_EQ(f->content_type, w.type) << VariantName(w.v);
      EXPECT_EQ(SniffImageType(f->body), w.type) << VariantName(w.v);
      EXPECT_NE(f->etag.find(std::string(VariantName(w.v))), std::string::npos) << f->etag;
      Loaded img;
      Load(f->body, img);
      EXPECT_EQ(vips_image_get_width(img.img), w.width) << VariantName(w.v);
      EXPECT_EQ(vips_image_get_height(img.img), w.width / 2) << VariantName(w.v);
      bodies[w.v] = f->body;
    }
    EXPECT_LT(bodies[Variant::kMedium].size(), large_jpeg.size())
        << "the phone JPEG is smaller than the large one";
    EXPECT_LT(bodies[Variant::kLargeWebp].size(), large_jpeg.size()) << "WebP is smaller than JPEG";
    EXPECT_LT(bodies[Variant::kMediumWebp].size(), bodies[Variant::kMedium].size());
    EXPECT_LT(bodies[Variant::kMediumWebp].size(), bodies[Variant::kLargeWebp].size());
  }

  FakeEnv env_;
  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<FileStore> files_;
  std::unique_ptr<MediaLibrary> lib_;
  int64_t council_ = 0, tamin_ = 0, behzisti_ = 0;
  Principal editor_, desk_, other_, committee_;
};

TEST_F(MediaTest, JpegUploadKeepsOriginalAndMakesVariants) {
  const std::string jpeg = MakeImage(2000, 1000, ".jpg");
  auto r = lib_->Upload(As(editor_), tamin_, "  عكس   شعبه ", jpeg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const MediaItem& m = r->item;
  EXPECT_TRUE(r->created);
  EXPECT_GT(m.id, 0);
  EXPECT_EQ(m.content_type, "image/jpeg");
  EXPECT_EQ(m.width, 2000);
  EXPECT_EQ(m.height, 1000);
  EXPECT_EQ(m.bytes, static_cast<int64_t>(jpeg.size()));
  EXPECT_EQ(m.caption, "عکس شعبه");  // normalized: Arabic kaf, spaces
  EXPECT_EQ(m.sha256.size(), 64u);
  EXPECT_EQ(m.storage_key, m.sha256.substr(0, 2) + "/" + m.sha256);
  EXPECT_EQ(m.uploaded_by, editor_.user_id);
  EXPECT_EQ(Rows("audit_log"), 1);
  for (const char* name :
       {"original.jpg", "large.jpg", "thumb.jpg", "medium.jpg", "large.webp", "medium.webp"}) {
    EXPECT_TRUE(fs::is_regular_file(dir_ / "media" / m.storage_key / name)) << name;
  }
  EXPECT_EQ(FilesOnDisk(), 6u) << "no temporary files left behind";

  auto large = lib_->Read(&editor_, m.id, Variant::kLarge);
  ASSERT_TRUE(large.ok()) << large.status().ToString();
  EXPECT_EQ(large->content_type, "image/jpeg");
  EXPECT_FALSE(large->is_public);
  Loaded l;
  Load(large->body, l);
  EXPECT_EQ(vips_image_get_width(l.img), 1280);
  EXPECT_EQ(vips_image_get_height(l.img), 640);
  auto thumb = lib_->Read(&editor_, m.id, Variant::kThumb);
  ASSERT_TRUE(thumb.ok());
  Loaded t;
  Load(thumb->body, t);
  EXPECT_EQ(vips_image_get_width(t.img), 400);
  EXPECT_EQ(vips_image_get_height(t.img), 200);
  EXPECT_NE(large->etag, thumb->etag);
  EXPECT_EQ(large->etag.front(), '"');
  ExpectPhoneVariants(m, large->body);
}

TEST_F(MediaTest, PhotosFromBeforeThePhoneVariantsGetThemOnFirstRead) {
  auto r = lib_->Upload(As(editor_), tamin_, "", MakeImage(2000, 1000, ".jpg"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const fs::path folder = dir_ / "media" / r->item.storage_key;
  for (const char* name : {"medium.jpg", "large.webp", "medium.webp"})
    ASSERT_TRUE(fs::remove(folder / name)) << name;
  ASSERT_EQ(FilesOnDisk(), 3u) << "as an upload made before these variants";
  auto large = lib_->Read(&editor_, r->item.id, Variant::kLarge);
  ASSERT_TRUE(large.ok());
  EXPECT_EQ(FilesOnDisk(), 3u) << "reading an old variant makes nothing";

  auto webp = lib_->Read(&editor_, r->item.id, Variant::kMediumWebp);
  ASSERT_TRUE(webp.ok()) << webp.status().ToString();
  EXPECT_EQ(FilesOnDisk(), 6u) << "the three are made at once and kept";
  ExpectPhoneVariants(r->item, large->body);
  auto again = lib_->Read(&editor_, r->item.id, Variant::kMediumWebp);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->body, webp->body) << "the kept file is served";

  // Still the same access rules: not public, so a stranger gets 404 and nothing is made.
  ASSERT_TRUE(fs::remove(folder / "medium.jpg"));
  auto stranger = lib_->Read(nullptr, r->item.id, Variant::kMedium);
  EXPECT_EQ(stranger.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(folder / "medium.jpg"));
}

TEST_F(MediaTest, PngWithAlphaIsNeverEnlargedAndVariantsAreJpeg) {
  auto r = lib_->Upload(As(editor_), tamin_, "", MakeImage(300, 200, ".png", 4));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item.content_type, "image/png");
  EXPECT_TRUE(fs::is_regular_file(dir_ / "media" / r->item.storage_key / "original.png"));
  auto large = lib_->Read(&editor_, r->item.id, Variant::kLarge);
  ASSERT_TRUE(large.ok());
  ASSERT_EQ(SniffImageType(large->body), "image/jpeg");
  Loaded l;
  Load(large->body, l);
  EXPECT_EQ(vips_image_get_width(l.img), 300);
  EXPECT_EQ(vips_image_get_bands(l.img), 3);
}

TEST_F(MediaTest, WebpAndGifAreAccepted) {
  auto webp = lib_->Upload(As(editor_), tamin_, "", MakeImage(500, 300, ".webp"));
  ASSERT_TRUE(webp.ok()) << webp.status().ToString();
  EXPECT_EQ(webp->item.content_type, "image/webp");
  EXPECT_TRUE(fs::is_regular_file(dir_ / "media" / webp->item.storage_key / "original.webp"));
  // GIF: the first frame, kept as PNG (when this libvips can write GIFs to make the fixture).
  void* buf = nullptr;
  size_t len = 0;
  std::string png = MakeImage(60, 40, ".png");
  VipsImage* src = vips_image_new_from_buffer(png.data(), png.size(), "", nullptr);
  ASSERT_NE(src, nullptr);
  const bool can_gif = vips_image_write_to_buffer(src, ".gif", &buf, &len, nullptr) == 0;
  g_object_unref(src);
  if (!can_gif) {
    vips_error_clear();
    GTEST_SKIP() << "this libvips cannot save GIF (no cgif)";
  }
  std::string gif(static_cast<char*>(buf), len);
  g_free(buf);
  auto g = lib_->Upload(As(editor_), tamin_, "", gif);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_EQ(g->item.content_type, "image/gif");
  EXPECT_EQ(g->item.width, 60);
  EXPECT_TRUE(fs::is_regular_file(dir_ / "media" / g->item.storage_key / "original.png"));
}

TEST_F(MediaTest, ExifGpsIsStrippedAndTheImageTurnedUpright) {
  const std::string jpeg = WithExif(MakeImage(200, 100, ".jpg"));
  {  // The fixture really carries an orientation and a GPS position.
    Loaded in;
    Load(jpeg, in);
    int orientation = 0;
    ASSERT_EQ(vips_image_get_int(in.img, VIPS_META_ORIENTATION, &orientation), 0);
    EXPECT_EQ(orientation, 6);
    EXPECT_NE(vips_image_get_typeof(in.img, "exif-ifd3-GPSLatitude"), 0u);
    vips_error_clear();
  }
  auto r = lib_->Upload(As(editor_), tamin_, "", jpeg);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item.width, 100);
  EXPECT_EQ(r->item.height, 200);
  auto original = files_->Get(r->item.storage_key + "/original.jpg");
  ASSERT_TRUE(original.ok());
  auto large = lib_->Read(&editor_, r->item.id, Variant::kLarge);
  auto thumb = lib_->Read(&editor_, r->item.id, Variant::kThumb);
  ASSERT_TRUE(large.ok() && thumb.ok());
  for (const std::string* bytes : {&*original, &large->body, &thumb->body}) {
    EXPECT_EQ(bytes->find("Exif"), std::string::npos);
    EXPECT_EQ(bytes->find("GPS"), std::string::npos);
    EXPECT_EQ(bytes->find("http://ns.adobe.com/xap"), std::string::npos);
    Loaded out;
    Load(*bytes, out);
    EXPECT_EQ(vips_image_get_typeof(out.img, VIPS_META_EXIF_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(out.img, VIPS_META_XMP_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(out.img, VIPS_META_ICC_NAME), 0u);
    EXPECT_EQ(vips_image_get_typeof(out.img, "exif-ifd3-GPSLatitude"), 0u);
  }
  // Rotated 90° clockwise: the dark left half is now the top half.
  Loaded o;
  Load(*original, o);
  ASSERT_EQ(vips_image_get_width(o.img), 100);
  ASSERT_EQ(vips_image_get_height(o.img), 200);
  double* top = nullptr;
  double* bottom = nullptr;
  int n = 0;
  ASSERT_EQ(vips_getpoint(o.img, &top, &n, 50, 30, nullptr), 0);
  ASSERT_EQ(vips_getpoint(o.img, &bottom, &n, 50, 170, nullptr), 0);
  EXPECT_LT(top[0], 80);
  EXPECT_GT(bottom[0], 180);
  g_free(top);
  g_free(bottom);
}

TEST_F(MediaTest, DisguisedFilesAreRefusedByContent) {
  ExpectRefused(editor_, tamin_, "<!doctype html><html><script>alert(1)</script></html>",
                "unsupported_image");
  ExpectRefused(editor_, tamin_, std::string("PK\x03\x04\x14\x00\x00\x00", 8) + std::string(200, 'z'),
                "unsupported_image");
  ExpectRefused(editor_, tamin_, "%PDF-1.7\n1 0 obj", "unsupported_image");
  ExpectRefused(editor_, tamin_, "<svg xmlns='http://www.w3.org/2000/svg'/>", "unsupported_image");
  // JPEG magic bytes in front of something else.
  ExpectRefused(editor_, tamin_,
                std::string("\xFF\xD8\xFF\xE0", 4) + "<html><body>not an image</body></html>",
                "corrupt_image");
  ExpectRefused(editor_, tamin_, "", "empty_image");
}

TEST_F(MediaTest, TruncatedImagesAreRefused) {
  const std::string jpeg = MakeImage(600, 400, ".jpg");
  ExpectRefused(editor_, tamin_, jpeg.substr(0, jpeg.size() * 6 / 10), "corrupt_image");
  const std::string png = MakeImage(600, 400, ".png");
  ExpectRefused(editor_, tamin_, png.substr(0, png.size() / 2), "corrupt_image");
}

TEST_F(MediaTest, DecompressionBombsAreRefusedFromTheHeader) {
  ExpectRefused(editor_, tamin_, PngHeaderOnly(50000, 50000), "image_dimensions");
  ExpectRefused(editor_, tamin_, PngHeaderOnly(8000, 8000), "image_dimensions");  // 64 MP
  ExpectRefused(editor_, tamin_, PngHeaderOnly(30000, 10), "image_dimensions");   // one side too long
  // Within the pixel cap, but 16-bit RGBA: 40 MP × 8 bytes = 320 MB decoded; 20 MP × 8 = 160 MB passes
  // the header check (and then fails as the truncated file it is).
  ExpectRefused(editor_, tamin_, PngHeaderOnly(6324, 6324, 16, 6), "image_too_heavy");
  ExpectRefused(editor_, tamin_, PngHeaderOnly(5000, 4001, 16, 6), "image_too_heavy");
  ExpectRefused(editor_, tamin_, PngHeaderOnly(5000, 4000, 16, 6), "corrupt_image");
  ExpectRefused(editor_, tamin_, PngHeaderOnly(6324, 6324, 8, 6), "corrupt_image");  // 8-bit RGBA: 160 MB
}

TEST_F(MediaTest, BigPhotosAreShrunkOnLoadAndTurnedUpright) {
  // A 4000×3000 camera JPEG turned by EXIF: the variants come from the DCT-shrunk decode, upright.
  auto r = lib_->Upload(As(editor_), tamin_, "", WithExif(MakeImage(4000, 3000, ".jpg")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->item.width, 3000);
  EXPECT_EQ(r->item.height, 4000);
  auto large = lib_->Read(&editor_, r->item.id, Variant::kLarge);
  auto thumb = lib_->Read(&editor_, r->item.id, Variant::kThumb);
  ASSERT_TRUE(large.ok() && thumb.ok());
  Loaded l, t;
  Load(large->body, l);
  Load(thumb->body, t);
  EXPECT_EQ(vips_image_get_width(l.img), 1280);
  EXPECT_NEAR(vips_image_get_height(l.img), 1707, 1);
  EXPECT_EQ(vips_image_get_width(t.img), 400);
  EXPECT_NEAR(vips_image_get_height(t.img), 533, 1);
  // Turned 90° clockwise: the dark left half is now the top half.
  double* top = nullptr;
  double* bottom = nullptr;
  int n = 0;
  ASSERT_EQ(vips_getpoint(t.img, &top, &n, 200, 100, nullptr), 0);
  ASSERT_EQ(vips_getpoint(t.img, &bottom, &n, 200, 430, nullptr), 0);
  EXPECT_LT(top[0], 80);
  EXPECT_GT(bottom[0], 180);
  g_free(top);
  g_free(bottom);
  // A big WebP takes libwebp's scaled decode.
  auto webp = lib_->Upload(As(editor_), tamin_, "", MakeImage(3000, 1500, ".webp"));
  ASSERT_TRUE(webp.ok()) << webp.status().ToString();
  auto wl = lib_->Read(&editor_, webp->item.id, Variant::kLarge);
  ASSERT_TRUE(wl.ok());
  Loaded w;
  Load(wl->body, w);
  EXPECT_EQ(vips_image_get_width(w.img), 1280);
  EXPECT_EQ(vips_image_get_height(w.img), 640);
}

TEST_F(MediaTest, TooLargeIsRefusedBeforeAnyWork) {
  std::string big = MakeImage(64, 64, ".jpg");
  big.resize(kMaxImageBytes + 1, '\0');
  ExpectRefused(editor_, tamin_, big, "image_too_large");
}

TEST_F(MediaTest, SameBytesAreStoredOncePerAgency) {
  const std::string png = MakeImage(320, 240, ".png");
  auto a = lib_->Upload(As(editor_), tamin_, "اول", png);
  auto b = lib_->Upload(As(editor_), tamin_, "دوم", png);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a->created);
  EXPECT_FALSE(b->created);
  EXPECT_EQ(a->item.id, b->item.id);
  EXPECT_EQ(b->item.caption, "اول");
  EXPECT_EQ(Rows("media"), 1);
  EXPECT_EQ(Rows("audit_log"), 1);
  // Another agency's library is its own (the files are shared: same content).
  auto c = lib_->Upload(As(other_), behzisti_, "", png);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->created);
  EXPECT_NE(c->item.id, a->item.id);
  EXPECT_EQ(FilesOnDisk(), 6u);
}

TEST_F(MediaTest, WhoMayUploadListAndSee) {
  const std::string png = MakeImage(100, 80, ".png");
  ExpectRefused(desk_, tamin_, png, "forbidden");
  ExpectRefused(committee_, tamin_, png, "forbidden");
  ExpectRefused(other_, tamin_, png, "not_found");
  ExpectRefused(editor_, 99999, png, "not_found");
  auto up = lib_->Upload(As(editor_), tamin_, "", png);
  ASSERT_TRUE(up.ok());
  const int64_t id = up->item.id;

  for (const Principal* p : {&editor_, &desk_, &committee_}) {
    auto list = lib_->List(As(*p), tamin_, 50, 0);
    ASSERT_TRUE(list.ok()) << p->username;
    EXPECT_EQ(list->second, 1);
    ASSERT_EQ(list->first.size(), 1u);
    EXPECT_EQ(list->first[0].id, id);
    EXPECT_TRUE(lib_->Get(As(*p), id).ok());
    EXPECT_TRUE(lib_->Read(p, id, Variant::kThumb).ok());
  }
  EXPECT_EQ(lib_->List(As(other_), tamin_, 50, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lib_->Get(As(other_), id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lib_->Read(&other_, id, Variant::kLarge).status().code(), StatusCode::kNotFound);
  // Not used by a public release: nobody outside sees the files.
  EXPECT_EQ(lib_->Read(nullptr, id, Variant::kLarge).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(lib_->Read(nullptr, 99999, Variant::kLarge).status().code(), StatusCode::kNotFound);
}

TEST_F(MediaTest, NoRowWhenTheFilesCannotBeWritten) {
  FailingStore failing;
  MediaLibrary lib(db_.get(), &env_, &failing);
  auto r = lib.Upload(As(editor_), tamin_, "", MakeImage(100, 80, ".png"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
  EXPECT_EQ(Rows("media"), 0);
  EXPECT_EQ(Rows("audit_log"), 0);
}

TEST(MediaStorage, KeysCannotEscapeTheFolder) {
  EXPECT_TRUE(ValidKey("ab/ab12/large.jpg"));
  EXPECT_FALSE(ValidKey("../etc/passwd"));
  EXPECT_FALSE(ValidKey("/etc/passwd"));
  EXPECT_FALSE(ValidKey("ab/../../x"));
  EXPECT_FALSE(ValidKey("AB/x.jpg"));
  EXPECT_FALSE(ValidKey(""));
  EXPECT_EQ(ParseVariant("large"), Variant::kLarge);
  EXPECT_EQ(ParseVariant("thumb"), Variant::kThumb);
  EXPECT_EQ(ParseVariant("medium"), Variant::kMedium);
  EXPECT_EQ(ParseVariant("large.webp"), Variant::kLargeWebp);
  EXPECT_EQ(ParseVariant("medium.webp"), Variant::kMediumWebp);
  EXPECT_EQ(ParseVariant("original"), std::nullopt);
  EXPECT_EQ(ParseVariant("large.jpg"), std::nullopt);
  EXPECT_EQ(ParseVariant("thumb.webp"), std::nullopt);
}

}  // namespace
}  // namespace pol::media
