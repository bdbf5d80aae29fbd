#include "cli/demo_week.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/fake_env.h"
#include "citizen/requests.h"
#include "citizen/router.h"
#include "media/images.h"
#include "media/media.h"
#include "media/storage.h"
#include "monitor/fetcher.h"
#include "monitor/monitor.h"
#include "newsroom/releases.h"
#include "store/council_repo.h"
#include "store/release_repo.h"
#include "text/html_escape.h"

namespace pol::cli {
namespace {

constexpr int64_t kDay = 86400000;

struct WeekRelease {
  const char* agency;  // slug
  int day;             // days before today
  const char* title;
  const char* lead;
  std::array<const char*, 2> paragraphs;
  const char* caption;
  std::array<uint8_t, 3> color;
  const char* outlet;  // the host of the outlet that reprints it
};

constexpr WeekRelease kReleases[] = {
    {"tamin",
     6,
     "افتتاح شعبهٔ تازهٔ تأمین اجتماعی در تاکستان",
     "شعبهٔ تاکستان سازمان تأمین اجتماعی با حضور مدیرکل استان قزوین افتتاح شد و به بیش از بیست هزار بیمه‌شده "
     "خدمت می‌دهد.",
     {"این شعبه خدمات بیمه‌ای، مستمری و درمان غیرمستقیم را در یک ساختمان ارائه می‌کند و ساعت کار آن از هفت صبح "
      "است.",
      "مدیرکل تأمین اجتماعی استان گفت با این شعبه، بیمه‌شدگان تاکستان دیگر برای کارهای روزمره به قزوین نمی‌روند."},
     "ساختمان شعبهٔ تازهٔ تاکستان",
     {11, 94, 85},
     "www.irna.ir"},
    {"behzisti",
     5,
     "آغاز ثبت‌نام مسکن مددجویان بهزیستی استان قزوین",
     "ثبت‌نام طرح مسکن مددجویان دارای دو عضو معلول و زنان سرپرست خانوار از شنبه در سامانهٔ بهزیستی آغاز شد.",
     {"متقاضیان تا پایان ماه فرصت دارند مدارک خود را در سامانه بارگذاری کنند.",
      "مدیرکل بهزیستی استان گفت امسال ۴۰۰ واحد مسکونی با کمک خیران و بنیاد مسکن ساخته می‌شود."},
     "دیدار مدیرکل بهزیستی با خانواده‌های مددجو",
     {120, 60, 140},
     "www.isna.ir"},
    {"fanni",
     4,
     "دوره‌های رایگان مهارت‌آموزی برای جوانان روستایی قزوین",
     "ادارهٔ کل آموزش فنی و حرفه‌ای استان قزوین ۳۰ دورهٔ رایگان مهارت‌آموزی را در روستاهای استان برگزار می‌کند.",
     {"دوره‌ها در رشته‌های جوشکاری، خیاطی، پرورش قارچ و تعمیر تلفن همراه برگزار می‌شود.",
      "به گفتهٔ مدیرکل فنی و حرفه‌ای، گواهی این دوره‌ها برای گرفتن تسهیلات اشتغال پذیرفته است."},
     "کارگاه جوشکاری مرکز سیار روستایی",
     {200, 120, 30},
     "www.mehrnews.com"},
    {"refah",
     3,
     "پرداخت تسهیلات اشتغال به ۳۰۰ مددجو از سوی بانک رفاه کارگران قزوین",
     "بانک رفاه کارگران استان قزوین تسهیلات اشتغال خانگی ۳۰۰ مددجوی کمیته امداد و بهزیستی را پرداخت کرد.",
     {"سقف هر وام ۳۰۰ میلیون ریال با بازپرداخت پنج‌ساله است.",
      "مدیر شعب بانک رفاه استان گفت پرونده‌های تازه در کمتر از ده روز کاری بررسی می‌شود."},
     "امضای قرارداد تسهیلات در شعبهٔ مرکزی",
     {30, 90, 160},
     "www.farsnews.ir"},
    {"bazneshastegi",
     2,
     "واریز مستمری بازنشستگان کشوری استان قزوین از امروز",
     "مستمری این ماه بازنشستگان کشوری استان قزوین با اعمال افزایش سالانه از امروز به حساب‌ها واریز می‌شود.",
     {"بازنشستگان می‌توانند فیش مستمری را از درگاه الکترونیکی صندوق دریافت کنند.",
      "مدیرکل صندوق بازنشستگی کشوری استان گفت مابه‌التفاوت افزایش از ابتدای سال هم در همین ماه پرداخت می‌شود."},
     "پیشخوان خدمت صندوق بازنشستگی قزوین",
     {150, 40, 40},
     "www.tasnimnews.com"},
    {"omid",
     1,
     "صندوق کارآفرینی امید ۱۲۰ طرح روستایی قزوین را تأمین مالی کرد",
     "صندوق کارآفرینی امید در شش ماه گذشته ۱۲۰ طرح کسب‌وکار روستایی و عشایری استان قزوین را تأمین مالی کرد.",
     {"بیشتر طرح‌ها در زمینهٔ دامداری کوچک، گلخانه و صنایع دستی است.",
      "به گفتهٔ مدیر صندوق امید استان، این طرح‌ها برای ۴۵۰ نفر شغل ساخته‌اند."},
     "گلخانهٔ یکی از طرح‌های روستایی",
     {40, 130, 60},
     "www.ilna.ir"},
};

// Items about the agencies that are no release's reprint, and items about nothing the council does.
struct WeekItem {
  int day;
  const char* title;
  const char* lead;
  const char* paragraph;
  const char* link;
};
constexpr WeekItem kItems[] = {
    {5,
     "گلایهٔ بیمه‌شدگان از صف‌های طولانی در شعبهٔ مرکزی تأمین اجتماعی قزوین",
     "شماری از بیمه‌شدگان از شلوغی و صف‌های چندساعته در شعبهٔ مرکزی سازمان تأمین اجتماعی قزوین گلایه دارند.",
     "به گفتهٔ این بیمه‌شدگان، سامانهٔ نوبت‌دهی چند روز است از کار افتاده و کسی پاسخگو نیست.",
     "https://www.khabaronline.ir/news/demo-week-1"},
    {4,
     "کمبود داروی بیماران خاص در درمانگاه‌های تأمین اجتماعی",
     "بیماران خاص در قزوین از کمبود برخی داروها در داروخانهٔ درمانگاه‌های تأمین اجتماعی خبر می‌دهند.",
     "یکی از بیماران گفت ناچار است داروی خود را با چند برابر قیمت از بازار آزاد بخرد.",
     "https://www.yjc.ir/fa/news/demo-week-2"},
    {3, "بازدید معاون وزیر کار از طرح اشتغال روستایی در البرز",
     "معاون وزیر تعاون، کار و رفاه اجتماعی از طرح اشتغال روستایی در شهرستان البرز قزوین بازدید کرد.",
     "اداره کل تعاون، کار و رفاه اجتماعی استان قزوین این طرح را با ۲۰۰ شغل تازه اجرا کرده است.",
     "https://www.irna.ir/news/demo-week-3"},
    {2, "نشست وزیران انرژی اروپا در بروکسل بی‌نتیجه ماند",
     "وزیران انرژی کشورهای اروپایی دربارهٔ سقف قیمت گاز به توافق نرسیدند.",
     "نشست بعدی ماه آینده برگزار می‌شود.",
     "https://www.isna.ir/news/demo-week-4"},
    {1, "پیش‌بینی بارش برف در ارتفاعات شمال کشور",
     "سازمان هواشناسی برای ارتفاعات البرز مرکزی بارش برف و کاهش دما پیش‌بینی کرد.",
     "رانندگان باید زنجیر چرخ همراه داشته باشند.", "https://www.mehrnews.com/news/demo-week-5"},
};

// Citizens' requests of the week; `then` is what the desk did with each.
enum class Then { kNothing, kReply, kResolve, kReject, kNotCompetent, kTransferFanni, kDuplicate };
struct WeekRequest {
  int day;
  const char* type;
  const char* subject;
  const char* text;
  const char* name;
  const char* mobile;
  const char* agency;
  Then then;
};
constexpr WeekRequest kRequests[] = {
    {6, "complaint", "پاسخ ندادن شعبهٔ مرکزی",
     "سه هفته است برای اصلاح سابقهٔ بیمه به شعبهٔ مرکزی مراجعه می‌کنم و کسی پاسخگو نیست.",
     "فاطمه رحیمی", "09122220001", "tamin", Then::kNothing},
    {5, "question", "مدارک ثبت‌نام مسکن مددجویان",
     "برای ثبت‌نام طرح مسکن مددجویان چه مدارکی باید بارگذاری کنم؟",
     "محمد صادقی", "09122220002", "behzisti", Then::kReply},
    {5, "complaint", "تأخیر در واریز مستمری", "مستمری این ماه پدرم هنوز واریز نشده است.", "سارا جعفری",
     "09122220003", "bazneshastegi", Then::kResolve},
    {4, "suggestion", "دوره‌های مهارتی در روستای ما",
     "پیشنهاد می‌کنم دورهٔ پرورش قارچ در روستای اسفرورین هم برگزار شود.",
     "حمید کاظمی", "09122220004", "fanni", Then::kReply},
    {4, "complaint", "وام اشتغال خانگی",
     "درخواست وام اشتغال خانگی من در بانک رفاه دو ماه است بی‌پاسخ مانده است.",
     "لیلا محمدی", "09122220005", "refah", Then::kReject},
    {3, "question", "بیمهٔ قالیبافان",
     "آیا قالیبافان خانگی می‌توانند بیمهٔ تأمین اجتماعی بگیرند؟",
     "زینب حسینی", "09122220006", "tamin", Then::kResolve},
    {3, "complaint", "شلوغی شعبهٔ مرکزی",
     "صف شعبهٔ مرکزی تأمین اجتماعی چند ساعت طول می‌کشد و نوبت‌دهی کار نمی‌کند.",
     "مهدی یوسفی", "09122220007", "tamin", Then::kNothing},
    {3, "complaint", "صف طولانی در شعبهٔ مرکزی",
     "صف شعبهٔ مرکزی تأمین اجتماعی چند ساعت طول می‌کشد و نوبت‌دهی از کار افتاده است.",
     "نرگس امینی", "09122220008", "tamin", Then::kDuplicate},
    {2, "question", "دورهٔ آموزش جوشکاری",
     "دورهٔ جوشکاری فنی و حرفه‌ای کی شروع می‌شود؟", "امیر قاسمی",
     "09122220009", "omid", Then::kTransferFanni},
    {2, "appreciation", "سپاس از کارکنان بهزیستی", "از رفتار محترمانهٔ کارکنان بهزیستی تاکستان سپاسگزارم.",
     "مینا عباسی", "09122220010", "behzisti", Then::kResolve},
    {1, "report", "کودک کار در میدان آزادی",
     "هر شب کودکی خردسال در میدان آزادی قزوین تا دیروقت دستفروشی می‌کند.",
     "رضا مرادی", "09122220011", "behzisti", Then::kNothing},
    {1, "criticism", "نبود پاسخ تلفنی",
     "شمارهٔ تلفن صندوق بازنشستگی هیچ‌وقت پاسخ نمی‌دهد.",
     "جواد نظری", "09122220012", "bazneshastegi", Then::kNotCompetent},
};

// 10:00 Tehran (06:30 UTC) `days` before today.
int64_t MorningOf(int64_t now, int days) {
  const int64_t day_start = ((now + 12600000) / kDay) * kDay - 12600000;  // Tehran midnight (UTC+03:30)
  return day_start - days * kDay + 10 * 3600000;
}

std::string Iso(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// PNG pieces.
uint32_t Crc32(std::string_view bytes, uint32_t crc = 0) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  crc = ~crc;
  for (unsigned char b : bytes) crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
  return ~crc;
}
void Be32(std::string& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<char>((v >> s) & 0xFF));
}
void Chunk(std::string& png, const char* type, const std::string& data) {
  Be32(png, static_cast<uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  png += body;
  Be32(png, Crc32(body));
}

}  // namespace

std::string DemoPhotoPng(int width, int height, uint8_t r, uint8_t g, uint8_t b) {
  std::string raw;
  raw.reserve(static_cast<size_t>(width * 3 + 1) * height);
  const double cx = width * 0.72, cy = height * 0.3, radius = height * 0.16;
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);  // filter: none
    for (int x = 0; x < width; ++x) {
      const double t = static_cast<double>(x + y) / (width + height);
      const bool disc = (x - cx) * (x - cx) + (y - cy) * (y - cy) < radius * radius;
      auto mix = [&](uint8_t c0, int c1) {
        return static_cast<char>(disc ? 245 : static_cast<int>(c0 + (c1 - c0) * t));
      };
      raw.push_back(mix(r, 235));
      raw.push_back(mix(g, 225));
      raw.push_back(mix(b, 190));
    }
  }
  // zlib: stored deflate blocks, then Adler-32 of the raw bytes.
  std::string z("\x78\x01", 2);
  uint32_t a = 1, s = 0;
  for (unsigned char c : raw) {
    a = (a + c) % 65521;
    s = (s + a) % 65521;
  }
  for (size_t pos = 0; pos < raw.size();) {
    const size_t n = std::min<size_t>(65535, raw.size() - pos);
    z.push_back(pos + n == raw.size() ? 1 : 0);
    z.push_back(static_cast<char>(n & 0xFF));
    z.push_back(static_cast<char>(n >> 8));
    z.push_back(static_cast<char>(~n & 0xFF));
    z.push_back(static_cast<char>((~n >> 8) & 0xFF));
    z.append(raw, pos, n);
    pos += n;
  }
  Be32(z, (s << 16) | a);
  std::string ihdr;
  Be32(ihdr, static_cast<uint32_t>(width));
  Be32(ihdr, static_cast<uint32_t>(height));
  ihdr += std::string("\x08\x02\x00\x00\x00", 5);  // 8 bits, RGB, deflate, no filter method, no interlace
  std::string png("\x89PNG\r\n\x1a\n", 8);
  Chunk(png, "IHDR", ihdr);
  Chunk(png, "IDAT", z);
  Chunk(png, "IEND", "");
  return png;
}

namespace {

StatusOr<std::map<std::string, int64_t>> AgencyIds(store::Database* db, int64_t council_id) {
  std::map<std::string, int64_t> ids;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    for (const char* slug : {"tamin", "behzisti", "fanni", "refah", "bazneshastegi", "omid"}) {
      POL_ASSIGN_OR_RETURN(auto a, store::FindAgencyBySlug(c, council_id, slug));
      if (!a) return NotFound(std::string("دستگاه «") + slug + "» در شورای نمونه نیست.");
      ids[slug] = a->id;
    }
    return Status::Ok();
  }));
  return ids;
}

// Whether the week's first release is there already.
StatusOr<bool> WeekLoaded(store::Database* db, int64_t agency_id) {
  bool found = false;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto page,
                         store::ListReleases(c, store::ReleaseFilter{.agency_id = agency_id, .limit = 1000}));
    for (const auto& r : page.items) found = found || r.title == kReleases[0].title;
    return Status::Ok();
  }));
  return found;
}

Status LoadReleases(store::Database* db, const Config& config, const std::map<std::string, int64_t>& agencies,
                    int64_t now, std::string& jsonl, DemoWeekResult& out) {
  POL_RETURN_IF_ERROR(media::InitImages());
  struct Shutdown {
    ~Shutdown() { media::ShutdownImages(); }
  } shutdown;
  FakeEnv env(now);
  auto files = media::NewDiskFileStore((std::filesystem::path(config.data) / "media").string());
  media::MediaLibrary library(db, &env, files.get());
  newsroom::ReleaseService releases(db, &env, nullptr);
  const accounts::Actor system;
  int n = 0;
  for (const WeekRelease& w : kReleases) {
    const int64_t at = MorningOf(now, w.day);
    env.Set(at);
    const int64_t agency = agencies.at(w.agency);
    POL_ASSIGN_OR_RETURN(auto photo,
                         library.Upload(system, agency, w.caption,
                                        DemoPhotoPng(960, 540, w.color[0], w.color[1], w.color[2])));
    newsroom::ReleaseInput in;
    in.title = w.title;
    in.lead = w.lead;
    in.body_html =
        "<p>" + text::EscapeHtml(w.paragraphs[0]) + "</p><p>" + text::EscapeHtml(w.paragraphs[1]) + "</p>";
    in.category = "اخبار دستگاه";
    in.photos = std::vector<newsroom::PhotoInput>{{.media_id = photo.item.id, .caption = w.caption}};
    POL_RETURN_IF_ERROR(releases.CreatePublished(agency, in).status());
    ++out.releases;
    // An outlet reprints it two hours later: the lead and both paragraphs, with its own title.
    nlohmann::json item{
        {"title", std::string("به گزارش روابط عمومی: ") + w.title},
        {"abstract", w.lead},
        {"paragraphs", nlohmann::json::array({w.paragraphs[0], w.paragraphs[1], "انتهای پیام/"})},
        {"published", Iso(at + 2 * 3600000)},
        {"link", std::string("https://") + w.outlet + "/news/demo-week-r" + std::to_string(++n)}};
    jsonl += item.dump() + "\n";
  }
  return Status::Ok();
}

Status LoadItems(store::Database* db, int64_t council_id, int64_t now, std::string jsonl,
                 DemoWeekResult& out) {
  for (const WeekItem& w : kItems) {
    nlohmann::json item{{"title", w.title},
                        {"abstract", w.lead},
                        {"paragraphs", nlohmann::json::array({w.paragraph})},
                        {"published", Iso(MorningOf(now, w.day) + 3 * 3600000)},
                        {"link", w.link}};
    jsonl += item.dump() + "\n";
  }
  monitor::CurlFetcher fetcher;
  monitor::MonitorService monitoring(db, Env::Default(), nullptr, &fetcher);
  POL_RETURN_IF_ERROR(monitoring.Start());
  POL_ASSIGN_OR_RETURN(auto stats,
                       monitoring.IngestDocument(council_id, "file://demo-week.jsonl", jsonl, ""));
  (void)stats;
  out.items = static_cast<int>(std::size(kReleases) + std::size(kItems));
  return Status::Ok();
}

Status LoadRequests(store::Database* db, const Config& config, const std::map<std::string, int64_t>& agencies,
                    int64_t now, DemoWeekResult& out) {
  FakeEnv env(now);
  citizen::Router router;
  citizen::RequestOptions options{.data_dir = config.data};
  citizen::RequestService requests(db, &env, nullptr, nullptr, nullptr, &router, options);
  POL_RETURN_IF_ERROR(requests.LoadRouting());
  const accounts::Actor system;
  std::optional<int64_t> main_duplicate;
  for (const WeekRequest& w : kRequests) {
    env.Set(MorningOf(now, w.day) + 90 * 60000);
    citizen::SubmitInput in{.type = w.type,
                            .subject = w.subject,
                            .text = w.text,
                            .agency = w.agency,
                            .name = w.name,
                            .mobile = w.mobile,
                            .ip = "demo"};
    POL_ASSIGN_OR_RETURN(store::CitizenRequest r, requests.DemoSubmit(in));
    ++out.requests;
    if (w.subject == std::string_view("شلوغی شعبهٔ مرکزی")) main_duplicate = r.id;
    if (!r.agency_id) continue;  // left with the council's triage desk
    env.Set(env.NowMillis() + 3 * 3600000);
    switch (w.then) {
      case Then::kNothing:
        break;
      case Then::kReply:
        POL_RETURN_IF_ERROR(
            requests
                .Reply(
                    system, r.id, std::nullopt,
                    "درخواست شما دریافت شد و همکاران ما تا دو روز کاری پاسخ می‌دهند.")
                .status());
        break;
      case Then::kResolve:
      case Then::kReject:
      case Then::kNotCompetent: {
        POL_ASSIGN_OR_RETURN(
            r, requests.Reply(system, r.id, std::nullopt,
                              w.then == Then::kResolve ? "موضوع بررسی و برطرف شد. از پیگیری شما سپاسگزاریم."
                                                       : "درخواست شما بررسی شد و متأسفانه پذیرفته نیست."));
        const char* outcome = w.then == Then::kResolve  ? "resolved"
                              : w.then == Then::kReject ? "rejected"
                                                        : "not_competent";
        POL_RETURN_IF_ERROR(requests.Close(system, r.id, std::nullopt, outcome, "").status());
        break;
      }
      case Then::kTransferFanni:
        POL_RETURN_IF_ERROR(
            requests
                .Transfer(system, r.id, std::nullopt, agencies.at("fanni"),
                          "دوره‌های آموزشی با آموزش فنی و حرفه‌ای است.")
                .status());
        break;
      case Then::kDuplicate:
        if (main_duplicate) {
          POL_RETURN_IF_ERROR(requests.Merge(system, *main_duplicate, {r.id}).status());
        }
        break;
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<DemoWeekResult> LoadDemoWeek(store::Database* db, const Config& config, int64_t council_id) {
  DemoWeekResult out;
  POL_ASSIGN_OR_RETURN(auto agencies, AgencyIds(db, council_id));
  POL_ASSIGN_OR_RETURN(bool loaded, WeekLoaded(db, agencies.at(kReleases[0].agency)));
  if (loaded) {
    out.already_loaded = true;
    return out;
  }
  const int64_t now = Env::Default()->NowMillis();
  std::string jsonl;
  POL_RETURN_IF_ERROR(LoadReleases(db, config, agencies, now, jsonl, out));
  POL_RETURN_IF_ERROR(LoadItems(db, council_id, now, std::move(jsonl), out));
  POL_RETURN_IF_ERROR(LoadRequests(db, config, agencies, now, out));
  return out;
}

}  // namespace pol::cli
