#include <gtest/gtest.h>
#include <unistd.h>

#include <pugixml.hpp>

#include <filesystem>
#include <string>

#include "base/fake_env.h"
#include "base/strings.h"
#include "site/dates.h"
#include "site/feeds.h"
#include "site/html.h"
#include "site/site.h"
#include "store/council_repo.h"
#include "store/db.h"
#include "store/migrations.h"
#include "store/test_database.h"
#include "store/test_fixtures.h"
#include "text/html_escape.h"

namespace pol::site {
namespace {

constexpr int64_t kNow = 1764000000000;  // 2025-11-24T16:00:00Z
constexpr int64_t kHour = 3600 * 1000;

TEST(HtmlTest, EscapesMarkupAndBadBytes) {
  EXPECT_EQ(text::EscapeHtml("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  EXPECT_EQ(text::EscapeHtml("خبر"), "خبر");
  EXPECT_EQ(text::EscapeHtml(std::string("a\xff"
                                         "b\x01",
                                         4)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(UrlEncode("تامین a/b"), "%D8%AA%D8%A7%D9%85%DB%8C%D9%86%20a%2Fb");
  EXPECT_EQ(Excerpt("یک  دو\nسه", 100), "یک دو سه");
  EXPECT_EQ(Excerpt("یک دو سه چهار", 8), "یک دو…");
}

TEST(DatesTest, FeedAndHttpFormats) {
  EXPECT_EQ(Rfc822(kNow), "Mon, 24 Nov 2025 16:00:00 +0000");
  EXPECT_EQ(Rfc3339(kNow), "2025-11-24T16:00:00Z");
  EXPECT_EQ(HttpDate(kNow), "Mon, 24 Nov 2025 16:00:00 GMT");
  EXPECT_EQ(ParseHttpDate("Mon, 24 Nov 2025 16:00:00 GMT"), kNow / 1000);
  EXPECT_FALSE(ParseHttpDate("yesterday").has_value());
  EXPECT_EQ(PersianDate(kNow), "۳ آذر ۱۴۰۴");
  EXPECT_EQ(PersianDateTime(kNow), "۳ آذر ۱۴۰۴، ساعت ۱۹:۳۰");
}

TEST(FeedsTest, XmlSafeDropsForbiddenCharacters) {
  EXPECT_EQ(XmlSafe(std::string("a\x01"
                                "b\x0b"
                                "c\td",
                                7)),
            "abc\td");
  EXPECT_EQ(XmlSafe("\xc0"), "\xEF\xBF\xBD");
}

TEST(ConditionalTest, EtagAndLastModified) {
  Page p;
  p.body = "x";
  p.etag = EtagOf(p.body);
  p.last_modified = kNow;
  EXPECT_TRUE(NotModified(p, p.etag, ""));
  EXPECT_TRUE(NotModified(p, "\"zzz\", W/" + p.etag, ""));
  EXPECT_FALSE(NotModified(p, "\"zzz\"", HttpDate(kNow)));  // If-None-Match wins
  EXPECT_TRUE(NotModified(p, "", HttpDate(kNow)));
  EXPECT_FALSE(NotModified(p, "", HttpDate(kNow - 1000)));
  p.status = 410;
  EXPECT_FALSE(NotModified(p, p.etag, ""));
}

class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = store::FreshTestDir("site-test");
    auto db = store::OpenTestDatabase(dir_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Write([&](store::Conn& c) -> Status {
                     POL_ASSIGN_OR_RETURN(council_, store::InsertTestCouncil(c, "qz", "شورای <قزوین>"));
                     POL_ASSIGN_OR_RETURN(tamin_,
                                          store::InsertTestAgency(c, council_, "tamin", "تأمین اجتماعی"));
                     POL_ASSIGN_OR_RETURN(refah_, store::InsertTestAgency(c, council_, "refah", "بانک رفاه"));
                     return Status::Ok();
                   })
                    .ok());
    site_ = std::make_unique<Site>(db_.get(), &env_, SiteOptions{});
  }
  void TearDown() override {
    site_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  int64_t Release(int64_t agency, const std::string& status, const std::string& title, int64_t published_at,
                  std::optional<int64_t> embargo = std::nullopt, const std::string& extra_sql = "") {
    int64_t id = 0;
    EXPECT_TRUE(
        db_->Write([&](store::Conn& c) -> Status {
             POL_ASSIGN_OR_RETURN(
                 store::Row r,
                 c.QueryOne("INSERT INTO releases(agency_id, council_id, status, title, lead, body_html, "
                            "body_text, slug, embargo_until, published_at, created_at, updated_at) "
                            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                            {agency, council_, status, title, "لید " + title, "<p>متن " + title + "</p>",
                             "متن " + title, "slug-" + title, store::Opt(embargo), published_at, published_at,
                             published_at}));
             id = r.Int(0);
             if (!extra_sql.empty()) POL_RETURN_IF_ERROR(c.Exec(extra_sql, {id}).status());
             return Status::Ok();
           })
            .ok());
    return id;
  }
  void Exec(const std::string& sql, const store::Params& p = {}) {
    ASSERT_TRUE(db_->Write([&](store::Conn& c) { return c.Exec(sql, p).status(); }).ok()) << sql;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  FakeEnv env_{kNow};
  std::unique_ptr<Site> site_;
  int64_t council_ = 0, tamin_ = 0, refah_ = 0;
  const std::string base_ = "http://news.test";
};

TEST_F(SiteTest, OnlyPublicReleasesAreListed) {
  int64_t pub = Release(tamin_, "published", "منتشرشده", kNow - 2 * kHour);
  Release(tamin_, "draft", "پیش‌نویس", kNow - kHour);
  Release(tamin_, "submitted", "ارسال‌شده", kNow - kHour);
  Release(tamin_, "approved", "تأییدشده", kNow - kHour);
  Release(tamin_, "scheduled", "زمان‌بندی‌شده", kNow - kHour);
  int64_t embargoed = Release(tamin_, "published", "تحریم‌دار", kNow - kHour, kNow + kHour);
  int64_t withdrawn = Release(tamin_, "withdrawn", "پس‌گرفته", kNow - kHour);
  Exec("UPDATE releases SET withdrawn_reason = 'خطای <آماری>', withdrawn_at = ? WHERE id = ?",
       {kNow, withdrawn});

  Page home = site_->Home(base_, 1);
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("منتشرشده"), std::string::npos);
  for (const char* hidden : {"پیش‌نویس", "ارسال‌شده", "تأییدشده",
                             "زمان‌بندی‌شده", "تحریم‌دار", "پس‌گرفته"}) {
    EXPECT_EQ(home.body.find(hidden), std::string::npos) << hidden;
  }
  EXPECT_NE(home.body.find("<html lang=\"fa\" dir=\"rtl\">"), std::string::npos);
  EXPECT_NE(home.body.find("شورای &lt;قزوین&gt;"), std::string::npos);  // escaped
  EXPECT_EQ(home.body.find("شورای <قزوین>"), std::string::npos);

  EXPECT_EQ(site_->Article(base_, pub).status, 200);
  EXPECT_EQ(site_->Article(base_, embargoed).status, 404);
  EXPECT_EQ(site_->Article(base_, 999).status, 404);
  Page gone = site_->Article(base_, withdrawn);
  EXPECT_EQ(gone.status, 410);
  EXPECT_NE(gone.body.find("پس گرفته شده"), std::string::npos);
  EXPECT_NE(gone.body.find("خطای &lt;آماری&gt;"), std::string::npos);
  EXPECT_EQ(gone.body.find("متن پس‌گرفته"), std::string::npos);

  // The embargo passes: the release appears.
  env_.Advance(2 * kHour);
  EXPECT_EQ(site_->Article(base_, embargoed).status, 200);
  EXPECT_NE(site_->Home(base_, 1).body.find("تحریم‌دار"), std::string::npos);
}

TEST_F(SiteTest, ArticlePageCarriesMetadataPhotosTagsAndCorrections) {
  int64_t id = Release(tamin_, "corrected", "افتتاح", kNow - kHour);
  Exec(
      "UPDATE releases SET corrected_at = ?, correction_note = 'تاریخ اصلاح شد.', over_title = 'روتیتر' WHERE id = ?",
      {kNow, id});
  Exec("INSERT INTO release_tags(release_id, tag) VALUES (?, 'درمان'), (?, 'بیمه')", {id, id});
  Exec(
      "INSERT INTO media(agency_id, content_type, width, height, sha256, storage_key, caption, created_at) "
      "VALUES (?, 'image/jpeg', 2000, 1000, 'x', 'k', 'زیرنویس', 1)",
      {tamin_});
  Exec("INSERT INTO release_media(release_id, media_id, position) VALUES (?, 1, 0)", {id});
  Page p = site_->Article(base_, id);
  ASSERT_EQ(p.status, 200);
  const std::string canonical = base_ + "/news/" + std::to_string(id) + "/slug-" + UrlEncode("افتتاح");
  EXPECT_NE(p.body.find("<link rel=\"canonical\" href=\"" + canonical + "\">"), std::string::npos) << p.body;
  EXPECT_NE(p.body.find("property=\"og:title\""), std::string::npos);
  EXPECT_NE(p.body.find("property=\"og:image\" content=\"" + base_ + "/media/1/large\""), std::string::npos);
  // Phones get the 800 px variant, wider screens the 1280 px one, WebP first; the lead photo is fetched first.
  const std::string sizes = " sizes=\"(min-width: 60rem) 58rem, calc(100vw - 2rem)\"";
  EXPECT_NE(p.body.find(
                "<figure><picture><source type=\"image/webp\" srcset=\"/media/1/medium.webp 800w, "
                "/media/1/large.webp 1280w\"" +
                sizes + "><img src=\"/media/1/large\" srcset=\"/media/1/medium 800w, /media/1/large 1280w\"" +
                sizes + " alt=\"زیرنویس\" width=\"1280\" height=\"640\" fetchpriority=\"high\"></picture>"),
            std::string::npos)
      << p.body;
  EXPECT_EQ(p.body.find("loading=\"lazy\""), std::string::npos) << "the only photo is the lead one";
  // schema.org NewsArticle, with the headline, dates, photo, agency and council.
  const size_t ld = p.body.find(
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"افتتاح\"");
  ASSERT_NE(ld, std::string::npos) << p.body;
  const std::string json = p.body.substr(ld, p.body.find("</script>", ld) - ld);
  EXPECT_NE(json.find("\"datePublished\":\"" + Rfc3339(kNow - kHour) + "\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"image\":[\"" + base_ + "/media/1/large\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("\"publisher\":{\"@type\":\"Organization\""), std::string::npos) << json;
  EXPECT_EQ(json.find('<', 1), std::string::npos) << "nothing in the JSON can close the script";
  EXPECT_NE(p.body.find("><bdi>"), std::string::npos) << "the agency's name is isolated beside the date";
  EXPECT_NE(p.body.find("<a class=\"portal\" href=\"/citizen\">ثبت درخواست / پیگیری</a>"), std::string::npos)
      << "every page links to the citizens' portal";
  EXPECT_NE(p.body.find("تاریخ اصلاح شد."), std::string::npos);
  EXPECT_NE(p.body.find("روتیتر"), std::string::npos);
  EXPECT_NE(p.body.find("/tags/" + UrlEncode("درمان")), std::string::npos);
  for (const char* share : {"https://t.me/share/url", "https://ble.ir/share/url",
                            "https://eitaa.com/share/url", "https://wa.me/"}) {
    EXPECT_NE(p.body.find(share), std::string::npos) << share;
  }
  EXPECT_NE(p.body.find("۳ آذر ۱۴۰۴"), std::string::npos);
  EXPECT_LT(p.body.size(), 60u * 1024);
  EXPECT_FALSE(p.etag.empty());
  EXPECT_EQ(p.last_modified, kNow);
  EXPECT_TRUE(site_->MediaIsPublic(1).value());
  Exec("UPDATE releases SET status = 'withdrawn' WHERE id = ?", {id});
  EXPECT_FALSE(site_->MediaIsPublic(1).value());
}

TEST_F(SiteTest, ArticlePhotosForEveryScreen) {
  int64_t id = Release(tamin_, "published", "دو عکس", kNow - kHour);
  Exec(
      "INSERT INTO media(agency_id, content_type, width, height, sha256, storage_key, caption, created_at) "
      "VALUES (?, 'image/png', 600, 400, 'a', 'ka', 'کوچک', 1), (?, 'image/jpeg', 1000, 500, 'b', 'kb', 'دوم', 1)",
      {tamin_, tamin_});
  Exec("INSERT INTO release_media(release_id, media_id, position) VALUES (?, 1, 0), (?, 2, 1)", {id, id});
  Page p = site_->Article(base_, id);
  ASSERT_EQ(p.status, 200);
  // No wider than 800 px: the medium variant is the photo at its own size, the only candidate.
  EXPECT_NE(p.body.find(
                "<picture><source type=\"image/webp\" srcset=\"/media/1/medium.webp\"><img "
                "src=\"/media/1/medium\" alt=\"کوچک\" width=\"600\" height=\"400\" fetchpriority=\"high\">"),
            std::string::npos)
      << p.body;
  // 1000 px: the large variant is 1000 px wide (never enlarged); the second photo loads when scrolled to.
  EXPECT_NE(p.body.find("srcset=\"/media/2/medium 800w, /media/2/large 1000w\""), std::string::npos)
      << p.body;
  EXPECT_NE(p.body.find("alt=\"دوم\" width=\"1000\" height=\"500\" loading=\"lazy\">"), std::string::npos);
  EXPECT_EQ(p.body.find("fetchpriority", p.body.find("/media/2/")), std::string::npos) << "one lead photo";
}

TEST_F(SiteTest, AgencyTagAndSearchPages) {
  int64_t a = Release(tamin_, "published", "بیمه‌شدگان", kNow - 3 * kHour);
  int64_t b = Release(refah_, "published", "وام", kNow - 2 * kHour);
  Exec("INSERT INTO release_agencies(release_id, agency_id) VALUES (?, ?)", {b, tamin_});  // co-signed
  Exec("INSERT INTO release_tags(release_id, tag) VALUES (?, 'بیمه')", {a});
  Page tamin = site_->Agency(base_, "tamin", 1);
  EXPECT_EQ(tamin.status, 200);
  EXPECT_NE(tamin.body.find("بیمه‌شدگان"), std::string::npos);
  EXPECT_NE(tamin.body.find("وام"), std::string::npos);
  Page refah = site_->Agency(base_, "refah", 1);
  EXPECT_EQ(refah.body.find("بیمه‌شدگان"), std::string::npos);
  EXPECT_EQ(site_->Agency(base_, "nope", 1).status, 404);
  Page tag = site_->Tag(base_, "بیمه", 1);
  EXPECT_EQ(tag.status, 200);
  EXPECT_NE(tag.body.find("بیمه‌شدگان"), std::string::npos);
  EXPECT_EQ(tag.body.find(">وام<"), std::string::npos);
  EXPECT_EQ(site_->Tag(base_, "ناموجود", 1).status, 404);
  // Search normalizes the query (Arabic yeh/kaf, ZWNJ variants) and stems it.
  Page found = site_->Search(base_, "بيمه شدگان", 1);
  EXPECT_NE(found.body.find("بیمه‌شدگان</a>"), std::string::npos) << found.body;
  EXPECT_EQ(found.body.find("وام</a>"), std::string::npos);
  Page none = site_->Search(base_, "<b>ناموجود</b>", 1);
  EXPECT_NE(none.body.find("&lt;b&gt;ناموجود"), std::string::npos);
  EXPECT_EQ(none.body.find("<b>ناموجود"), std::string::npos);
}

TEST_F(SiteTest, PaginationLinks) {
  for (int i = 0; i < 25; ++i) Release(tamin_, "published", "خبر" + std::to_string(i), kNow - i * kHour);
  Page first = site_->Home(base_, 1);
  EXPECT_NE(first.body.find("rel=\"next\" href=\"/?page=2\""), std::string::npos);
  Page second = site_->Home(base_, 2);
  EXPECT_EQ(second.status, 200);
  EXPECT_NE(second.body.find("خبر24"), std::string::npos);
  EXPECT_EQ(site_->Home(base_, 3).status, 404);
}

TEST_F(SiteTest, FeedsAreWellFormedAndSkipWithdrawn) {
  int64_t a = Release(tamin_, "published", "اول & <دوم>", kNow - 2 * kHour);
  int64_t w = Release(tamin_, "withdrawn", "پس‌گرفته", kNow - kHour);
  Release(tamin_, "draft", "پیش‌نویس", kNow - kHour);
  Exec("INSERT INTO release_tags(release_id, tag) VALUES (?, 'بیمه'), (?, 'بیمه')", {a, w});
  for (FeedScope scope : {FeedScope::kCouncil, FeedScope::kAgency, FeedScope::kTag}) {
    const std::string key = scope == FeedScope::kAgency ? "tamin" : scope == FeedScope::kTag ? "بیمه" : "";
    Page rss = site_->Feed(base_, scope, key, FeedFormat::kRss);
    ASSERT_EQ(rss.status, 200);
    EXPECT_EQ(rss.content_type, "application/rss+xml; charset=utf-8");
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(rss.body.c_str())) << rss.body;
    pugi::xml_node ch = doc.child("rss").child("channel");
    ASSERT_TRUE(ch);
    EXPECT_STREQ(doc.child("rss").attribute("version").value(), "2.0");
    std::vector<std::string> titles;
    for (pugi::xml_node it : ch.children("item")) titles.push_back(it.child_value("title"));
    ASSERT_EQ(titles, std::vector<std::string>{"اول & <دوم>"});
    pugi::xml_node item = ch.child("item");
    EXPECT_STREQ(item.child_value("guid"), (base_ + "/news/" + std::to_string(a)).c_str());
    EXPECT_STREQ(item.child_value("pubDate"), Rfc822(kNow - 2 * kHour).c_str());
    EXPECT_NE(std::string(item.child_value("content:encoded")).find("<p>متن"), std::string::npos);

    Page atom = site_->Feed(base_, scope, key, FeedFormat::kAtom);
    ASSERT_EQ(atom.status, 200);
    pugi::xml_document adoc;
    ASSERT_TRUE(adoc.load_string(atom.body.c_str())) << atom.body;
    pugi::xml_node feed = adoc.child("feed");
    EXPECT_STREQ(feed.attribute("xmlns").value(), "http://www.w3.org/2005/Atom");
    int entries = 0;
    for (pugi::xml_node e : feed.children("entry")) {
      ++entries;
      EXPECT_STREQ(e.child_value("title"), "اول & <دوم>");
      EXPECT_STREQ(e.child_value("id"), (base_ + "/news/" + std::to_string(a)).c_str());
      EXPECT_STREQ(e.child_value("published"), Rfc3339(kNow - 2 * kHour).c_str());
    }
    EXPECT_EQ(entries, 1);
    EXPECT_STREQ(feed.child_value("updated"), Rfc3339(kNow - kHour).c_str());  // the withdrawal changed it
  }
  // Photos travel with the items: Media RSS in RSS, rel="enclosure" in Atom.
  Exec(
      "INSERT INTO media(agency_id, content_type, width, height, sha256, storage_key, caption, created_at) "
      "VALUES (?, 'image/jpeg', 1600, 900, 'y', 'k2', 'عکس خبر', 1)",
      {tamin_});
  Exec("INSERT INTO release_media(release_id, media_id, position) VALUES (?, 1, 0)", {a});
  pugi::xml_document prss;
  ASSERT_TRUE(prss.load_string(site_->Feed(base_, FeedScope::kCouncil, "", FeedFormat::kRss).body.c_str()));
  pugi::xml_node media = prss.child("rss").child("channel").child("item").child("media:content");
  ASSERT_TRUE(media);
  EXPECT_EQ(std::string(media.attribute("url").value()), base_ + "/media/1/large");
  EXPECT_STREQ(media.attribute("medium").value(), "image");
  EXPECT_STREQ(media.attribute("width").value(), "1280");
  EXPECT_STREQ(media.attribute("height").value(), "720");
  EXPECT_EQ(std::string(media.child("media:thumbnail").attribute("url").value()), base_ + "/media/1/thumb");
  pugi::xml_document patom;
  ASSERT_TRUE(patom.load_string(site_->Feed(base_, FeedScope::kCouncil, "", FeedFormat::kAtom).body.c_str()));
  bool enclosure = false;
  for (pugi::xml_node l : patom.child("feed").child("entry").children("link")) {
    if (std::string(l.attribute("rel").value()) == "enclosure") {
      enclosure = std::string(l.attribute("href").value()) == base_ + "/media/1/large";
    }
  }
  EXPECT_TRUE(enclosure) << "Atom entry links its photo as an enclosure";
  // A feed with nothing in it is dated now, not 1970.
  pugi::xml_document empty;
  ASSERT_TRUE(empty.load_string(site_->Feed(base_, FeedScope::kTag, "هیچ", FeedFormat::kAtom).body.c_str()));
  EXPECT_STREQ(empty.child("feed").child_value("updated"), Rfc3339(kNow).c_str());
  EXPECT_EQ(site_->Feed(base_, FeedScope::kAgency, "nope", FeedFormat::kRss).status, 404);

  Page map = site_->Sitemap(base_);
  pugi::xml_document sdoc;
  ASSERT_TRUE(sdoc.load_string(map.body.c_str()));
  std::string all;
  for (pugi::xml_node u : sdoc.child("urlset").children("url"))
    all += std::string(u.child_value("loc")) + "\n";
  EXPECT_NE(all.find(base_ + "/news/" + std::to_string(a) + "/"), std::string::npos) << all;
  EXPECT_EQ(all.find(base_ + "/news/" + std::to_string(w)), std::string::npos) << all;
  EXPECT_NE(all.find(base_ + "/agencies/tamin"), std::string::npos);
  EXPECT_NE(site_->Robots(base_).body.find("Sitemap: http://news.test/sitemap.xml"), std::string::npos);
}

TEST_F(SiteTest, BaseUrlOnlyFromTheOption) {
  EXPECT_EQ(site_->BaseUrl(), "http://localhost");
  Site fixed(db_.get(), &env_, SiteOptions{.public_url = "https://news.example.ir/"});
  EXPECT_EQ(fixed.BaseUrl(), "https://news.example.ir");
}

}  // namespace
}  // namespace pol::site
