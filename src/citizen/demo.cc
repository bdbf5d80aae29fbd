#include "citizen/demo.h"

#include "store/council_repo.h"
#include "store/user_repo.h"

namespace pol::citizen {
namespace {

struct Sample {
  const char* type;
  const char* subject;
  const char* text;
  const char* name;
  const char* mobile;
  const char* agency;  // "" = let the router decide
  const char* reply;   // "" = no reply yet
  bool close;
  int csat;  // 0 = not rated
};

constexpr Sample kSamples[] = {
    {"complaint", "تأخیر در پرداخت حقوق کارگران",
     "چهار ماه است کارفرمای شرکت پیمانکاری ما در قزوین حقوق کارگران را نپرداخته و به شکایت‌ها پاسخ نمی‌دهد.",
     "رضا احمدی", "09121111001", "", "", false, 0},
    {"question", "سابقه بیمه ثبت نشده",
     "سوابق بیمه‌ای من از سال ۱۳۹۰ تا ۱۳۹۲ در سامانه تأمین اجتماعی نیامده است؛ فیش حقوقی آن سال‌ها را دارم.",
     "مریم کریمی", "09121111002", "tamin",
     "سلام. لطفاً با فیش‌های حقوقی و اصل شناسنامه به شعبهٔ محل کار آن سال‌ها مراجعه کنید تا سوابق پس از بررسی ثبت "
     "شود.",
     true, 4},
    {"question", "وام خوداشتغالی", "برای وام خوداشتغالی مشاغل خانگی چه مدارکی لازم است و ضامن چه کسی باشد؟",
     "زهرا موسوی", "09121111003", "", "", false, 0},
    {"complaint", "کمبود داروی انسولین",
     "داروی انسولین در داروخانه درمانگاه تأمین اجتماعی نیست و بیماران مجبورند آزاد بخرند.", "حسن رضایی",
     "09121111004", "",
     "داروی انسولین از هفتهٔ آینده در داروخانهٔ درمانگاه موجود خواهد بود. از شکیبایی شما سپاسگزاریم.", false,
     0},
    {"suggestion", "دوره‌های عصرگاهی",
     "پیشنهاد می‌کنم دوره‌های آموزشی را عصرها هم برگزار کنید تا شاغلان بتوانند شرکت کنند.",
     "علی نوری", "09121111005", "fanni",
     "پیشنهاد شما برای ترم آینده بررسی و دو دورهٔ عصرگاهی برنامه‌ریزی شد.",
     true, 5},
    {"report", "وضعیت نامناسب",
     "چیزی که دیدم را نمی‌دانم به کدام دستگاه بگویم؛ لطفاً رسیدگی کنید.",
     "نرگس صالحی", "09121111006", "", "", false, 0},
};

constexpr struct {
  const char* agency;  // "" = council-wide
  const char* title;
  const char* body;
} kTemplates[] = {
    {"", "دریافت و در دست بررسی",
     "شهروند گرامی، درخواست شما دریافت شد و در دست بررسی است. نتیجه از همین راه به آگاهی شما می‌رسد."},
    {"", "نیاز به مدارک بیشتر",
     "شهروند گرامی، برای بررسی درخواست، لطفاً مدارک زیر را با در دست داشتن کد رهگیری به واحد پاسخگویی بیاورید:"},
    {"", "خارج از صلاحیت",
     "شهروند گرامی، موضوع درخواست شما در حیطهٔ وظایف این دستگاه نیست و به دستگاه مسئول ارجاع شد."},
    {"tamin", "سوابق بیمه",
     "برای اصلاح سوابق بیمه، با فیش‌های حقوقی و اصل مدارک شناسایی به شعبهٔ تأمین اجتماعی محل کار مراجعه کنید."},
};

}  // namespace

StatusOr<CitizenDemoResult> LoadCitizenDemo(store::Database* db, Env* env, RequestService* service,
                                            int64_t council_id) {
  CitizenDemoResult result;
  bool loaded = false;
  std::map<std::string, int64_t> agencies;
  POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto m, store::LoadRoutingModel(c, council_id));
    loaded = m.has_value();
    store::AgencyFilter f{.council_id = council_id, .limit = 1000};
    POL_ASSIGN_OR_RETURN(auto page, store::ListAgencies(c, f));
    for (const auto& a : page.first) agencies[a.slug] = a.id;
    return Status::Ok();
  }));
  if (loaded) {
    result.already_loaded = true;
    return result;
  }
  POL_ASSIGN_OR_RETURN(result.routing,
                       service->TrainCouncil(council_id, ParseLabelledSet(ShippedLabelledSet())));
  const int64_t now = env->NowMillis();
  accounts::Actor system;
  POL_RETURN_IF_ERROR(db->Write([&](store::Conn& c) -> Status {
    for (const auto& t : kTemplates) {
      store::ReplyTemplate rt{.council_id = council_id, .title = t.title, .body = t.body, .created_at = now};
      if (*t.agency) rt.agency_id = agencies[t.agency];
      POL_RETURN_IF_ERROR(store::InsertReplyTemplate(c, rt).status());
    }
    // Rules for words the model could confuse: the electronic coupon is the ministry's (tkr), dialysis is care.
    POL_RETURN_IF_ERROR(store::InsertRoutingRule(c, {.council_id = council_id,
                                                     .agency_id = agencies["tkr"],
                                                     .keywords = "کالابرگ",
                                                     .priority = 10,
                                                     .created_at = now})
                            .status());
    POL_RETURN_IF_ERROR(store::InsertRoutingRule(c, {.council_id = council_id,
                                                     .agency_id = agencies["tamin-darman"],
                                                     .keywords = "دیالیز",
                                                     .priority = 10,
                                                     .created_at = now})
                            .status());
    // Reports of emergencies get a shorter target at Behzisti (social emergency).
    POL_RETURN_IF_ERROR(store::UpsertSlaTarget(c,
                                               {.council_id = council_id,
                                                .agency_id = agencies["behzisti"],
                                                .type = std::string("report"),
                                                .first_response_minutes = 3 * 60,
                                                .resolve_minutes = 2 * kOfficeDayMinutes},
                                               now));
    return accounts::Audit(c, system, now, "load_demo", "citizen", std::to_string(council_id),
                           {council_id, {}});
  }));
  POL_RETURN_IF_ERROR(service->LoadRouting());
  for (const Sample& s : kSamples) {
    SubmitInput in{.type = s.type,
                   .subject = s.subject,
                   .text = s.text,
                   .agency = s.agency,
                   .name = s.name,
                   .mobile = s.mobile,
                   .ip = "demo"};
    POL_ASSIGN_OR_RETURN(store::CitizenRequest r, service->DemoSubmit(in));
    ++result.requests;
    if (*s.reply && r.agency_id) {
      POL_ASSIGN_OR_RETURN(r, service->Reply(system, r.id, std::nullopt, s.reply));
    }
    if (s.close && r.agency_id) {
      POL_ASSIGN_OR_RETURN(r, service->Close(system, r.id, std::nullopt, "resolved", ""));
      if (s.csat) POL_RETURN_IF_ERROR(service->Rate(r.tracking_code, s.csat, "", "demo").status());
    }
  }
  return result;
}

}  // namespace pol::citizen
