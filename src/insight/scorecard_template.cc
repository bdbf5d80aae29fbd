#include "insight/scorecard_template.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace pol::insight {

const std::vector<FormulaInfo>& FormulaCatalogue() {
  static const std::vector<FormulaInfo> kCatalogue = {
      {"published_items", "خبرهای منتشرشده", "count", "releases_published"},
      {"photo_share", "سهم خبرهای دارای عکس", "share", "releases_with_photo"},
      {"median_publication_minutes", "میانهٔ زمان ارسال تا انتشار (دقیقهٔ اداری)", "minutes",
       "releases_published"},
      {"pickup_rate", "نرخ بازتاب خبرها در رسانه‌ها", "share", "releases_picked_up"},
      {"outlets_reached", "رسانه‌های بازتاب‌دهنده", "count", "pickups"},
      {"reach_weighted_coverage", "پوشش وزن‌دار (سطح و وزن دسترسی رسانه)",
       "weighted", "pickups"},
      {"net_tone", "لحن خالص اشاره‌ها", "tone", "mentions"},
      {"share_negative", "سهم اشاره‌های منفی", "share", "mentions_negative"},
      {"posts_per_messenger_channel", "ارسال به ازای هر کانال پیام‌رسان", "count",
       "deliveries_messenger"},
      {"messenger_posts", "ارسال به پیام‌رسان‌ها", "count", "deliveries_messenger"},
      {"days_with_post", "روزهای دارای ارسال در پیام‌رسان", "count",
       "deliveries_messenger"},
      {"requests_answered_share", "سهم درخواست‌های مردمی پاسخ‌داده", "share",
       "requests_closed"},
      {"sla_share", "سهم پاسخ در مهلت", "share", "requests_closed_in_sla"},
      {"mean_handling_minutes", "میانگین زمان رسیدگی (دقیقهٔ اداری)", "minutes", "requests_closed"},
      {"median_handling_minutes", "میانهٔ زمان رسیدگی (دقیقهٔ اداری)", "minutes", "requests_closed"},
      {"reopen_rate", "نرخ بازگشایی درخواست‌های بسته‌شده", "share",
       "requests_closed_reopened"},
      {"csat_mean", "میانگین رضایت شهروندان", "score", "requests_rated"},
      {"csat_response_rate", "نرخ پاسخ به نظرسنجی رضایت", "share", "requests_rated"},
      // The committee's figures (committee/participation.h): attendance's records are the drill metric
      // committee_attendance; the decisions' the committee's own list.
      {"meeting_attendance", "حضور در جلسه‌های کمیتهٔ روابط عمومی", "share",
       "committee_attendance"},
      {"decisions_on_time", "مصوبه‌های انجام‌شده در مهلت", "share", ""},
  };
  return kCatalogue;
}

const FormulaInfo* FindFormula(std::string_view code) {
  for (const FormulaInfo& f : FormulaCatalogue())
    if (f.code == code) return &f;
  return nullptr;
}

bool IsScorecardKind(std::string_view kind) { return kind == "season" || kind == "year"; }

std::vector<ScorecardItem> DefaultTemplate(std::string_view kind) {
  // Counts are per season; a year's targets are four times a season's.
  const double k = kind == "year" ? 4 : 1;
  auto data = [](const char* index_code, const char* index_name, const char* formula, double top, double lo,
                 double hi) {
    const FormulaInfo* f = FindFormula(formula);
    return ScorecardItem{index_code, index_name, formula, std::string(f->name), formula, 1, top, lo, hi};
  };
  auto manual = [](const char* code, const char* name) {
    return ScorecardItem{"documented",
                         "فعالیت‌های مستند",
                         code,
                         name,
                         std::string(kManualFormula),
                         1,
                         3,
                         1,
                         5};
  };
  // Maximum scores add up to 100: 85 from data, 15 from the five manual items.
  return {
      data("news", "تولید خبر و به‌هنگامی", "published_items", 6, 0, 30 * k),
      data("news", "تولید خبر و به‌هنگامی", "photo_share", 3, 0, 0.8),
      // Two working days (960 office minutes) earn nothing, two office hours or less everything.
      data("news", "تولید خبر و به‌هنگامی", "median_publication_minutes", 3, 960, 120),
      data("media", "بازتاب رسانه‌ای", "pickup_rate", 8, 0, 0.5),
      data("media", "بازتاب رسانه‌ای", "outlets_reached", 3, 0, 10 * k),
      data("media", "بازتاب رسانه‌ای", "reach_weighted_coverage", 3, 0, 20 * k),
      data("tone", "لحن", "net_tone", 9, -0.5, 0.5),
      data("tone", "لحن", "share_negative", 4, 0.5, 0.1),
      // Posts per channel used, so an agency is not scored by how many channels it opened.
      data("cyber", "فعالیت در فضای مجازی", "posts_per_messenger_channel", 4, 0, 45 * k),
      data("cyber", "فعالیت در فضای مجازی", "days_with_post", 4, 0, 45 * k),
      data("responsiveness", "پاسخ‌گویی", "requests_answered_share", 8, 0.5, 1),
      data("responsiveness", "پاسخ‌گویی", "sla_share", 8, 0.5, 1),
      // The mean, as SAMAD-style evaluations score it: five working days (2,400 office minutes) earn
      // nothing, one day (480) or less everything.
      data("responsiveness", "پاسخ‌گویی", "mean_handling_minutes", 3, 2400, 480),
      data("responsiveness", "پاسخ‌گویی", "reopen_rate", 3, 0.3, 0.05),
      data("satisfaction", "رضایت", "csat_mean", 5, 1, 5),
      data("satisfaction", "رضایت", "csat_response_rate", 3, 0, 0.5),
      data("participation", "مشارکت در شورا", "meeting_attendance", 4, 0.5, 1),
      data("participation", "مشارکت در شورا", "decisions_on_time", 4, 0.5, 1),
      manual("training", "آموزش"),
      manual("research", "پژوهش و نظرسنجی"),
      manual("publications", "انتشارات"),
      manual("events", "برگزاری رویدادها"),
      manual("campaigns", "پویش‌ها"),
  };
}

namespace {

bool ValidCode(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

std::string Where(size_t i) { return "items[" + std::to_string(i) + "]"; }

}  // namespace

Status ValidateTemplate(const std::vector<ScorecardItem>& items) {
  if (items.empty() || items.size() > static_cast<size_t>(kMaxTemplateItems))
    return InvalidArgument(
        "invalid_template",
        "الگوی ارزیابی باید دست‌کم یک و حداکثر ۱۰۰ زیرشاخص داشته باشد.",
        "items");
  std::set<std::string> codes;
  for (size_t i = 0; i < items.size(); ++i) {
    const ScorecardItem& it = items[i];
    const std::string at = Where(i);
    if (!ValidCode(it.code) || !ValidCode(it.index_code))
      return InvalidArgument("invalid_code",
                             "کد زیرشاخص و شاخص باید با حروف کوچک لاتین، رقم و _ و حداکثر ۴۰ نویسه باشد.",
                             at + ".code");
    if (!codes.insert(it.code).second)
      return InvalidArgument("invalid_code", "کد زیرشاخص «" + it.code + "» تکراری است.", at + ".code");
    if (it.name.empty() || it.index_name.empty() || it.name.size() > 400 || it.index_name.size() > 400)
      return InvalidArgument("missing_field", "نام زیرشاخص و نام شاخص را بدهید (حداکثر ۴۰۰ بایت).",
                             at + ".name");
    if (!IsManual(it) && !FindFormula(it.formula))
      return InvalidArgument("unknown_formula", "فرمول «" + it.formula + "» شناخته نیست.", at + ".formula");
    if (!(it.weight > 0 && it.weight <= kMaxWeight))
      return InvalidArgument("invalid_weight", "وزن باید بیشتر از صفر و حداکثر ۱۰ باشد.", at + ".weight");
    if (!(it.max_score > 0 && it.max_score <= kMaxItemScore))
      return InvalidArgument("invalid_max_score", "بیشترین امتیاز باید بیشتر از صفر و حداکثر ۱۰۰ باشد.",
                             at + ".max_score");
    if (!IsManual(it) && (!std::isfinite(it.floor_value) || !std::isfinite(it.target_value) ||
                          it.floor_value == it.target_value))
      return InvalidArgument("invalid_mapping", "کف و هدف یک زیرشاخص نباید برابر باشند.", at + ".target");
  }
  return Status::Ok();
}

double ScoreFraction(const ScorecardItem& it, std::optional<double> raw) {
  if (!raw) return 0;
  double f = IsManual(it) ? (*raw - 1) / 4 : (*raw - it.floor_value) / (it.target_value - it.floor_value);
  return std::clamp(f, 0.0, 1.0);
}

double ItemPoints(const ScorecardItem& it, std::optional<double> raw) {
  return ScoreFraction(it, raw) * it.max_score * it.weight;
}

}  // namespace pol::insight
