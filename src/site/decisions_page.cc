#include "site/decisions_page.h"

#include <spdlog/spdlog.h>

#include <utility>
#include <vector>

#include "site/layout.h"
#include "store/committee_repo_public.h"
#include "text/html_escape.h"

namespace pol::site {
namespace {

using internal::Finish;
using internal::Head;
using internal::Layout;
using internal::Num;
using internal::Pager;
using internal::TimeTag;
using text::EscapeHtml;

// The follow-up state as a reader says it; overdue is derived from the deadline.
std::string StateText(const store::PublicDecision& d, int64_t now) {
  const bool active = d.status == "open" || d.status == "in_progress";
  if (active && d.deadline < now) return "دیرکرد";
  if (d.status == "open") return "باز";
  if (d.status == "in_progress") return "در حال انجام";
  if (d.status == "done") return "انجام‌شده";
  if (d.status == "cancelled") return "لغوشده";
  return d.status;
}

std::string Card(const store::PublicDecision& d, int64_t now) {
  const std::string pct = Num(d.progress) + "٪";
  std::string out = "<li class=\"card decision\" data-decision=\"" + std::to_string(d.id) + "\"><div>";
  out += "<p class=\"over\"><bdi>" + EscapeHtml(d.committee_name) + "</bdi> · جلسهٔ شمارهٔ " +
         Num(d.meeting_number) + " · " + TimeTag(d.meeting_starts_at, false) + "</p>";
  out += "<h2>" + EscapeHtml(d.text) + "</h2>";
  out += "<p class=\"meta\">دستگاه مسئول: <bdi>" + EscapeHtml(d.agency_name) +
         "</bdi> · مهلت: " + TimeTag(d.deadline, false) + "</p>";
  out += "<p>وضعیت: <strong class=\"state\">" + EscapeHtml(StateText(d, now)) +
         "</strong> · پیشرفت: <span class=\"progress\">" + pct + "</span>";
  if (d.status == "done" && d.done_at) out += " · انجام در " + TimeTag(*d.done_at, false);
  out += "</p><progress max=\"100\" value=\"" + std::to_string(d.progress) + "\">" + pct +
         "</progress></div></li>\n";
  return out;
}

}  // namespace

namespace internal {

bool DecisionsPageOn(store::Database* db, int64_t council_id) {
  auto s = db->ReadValue([&](store::Conn& c) { return store::GetCommitteeCouncilSettings(c, council_id); });
  return s.ok() && s->public_page;
}

}  // namespace internal

std::optional<Page> DecisionsPage::Render(const std::string& base, int64_t page) {
  const int64_t now = env_->NowMillis();
  store::Council council;
  bool on = false;
  std::pair<std::vector<store::PublicDecision>, int64_t> list;
  Status st = db_->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(council, internal::SiteCouncil(c, council_slug_));
    POL_ASSIGN_OR_RETURN(auto settings, store::GetCommitteeCouncilSettings(c, council.id));
    on = settings.public_page;
    if (!on) return Status::Ok();
    POL_ASSIGN_OR_RETURN(list,
                         store::ListPublicDecisions(c, council.id, page_size_, (page - 1) * page_size_));
    return Status::Ok();
  });
  if (!st.ok()) {
    if (st.code() != StatusCode::kNotFound) spdlog::error("site: decisions page: {}", st.ToString());
    if (st.code() == StatusCode::kNotFound) return std::nullopt;
    Page p;
    p.status = 500;
    p.cache_control = "no-store";
    p.body = Layout(council.name, font_path_, Head{.title = "خطا"},
                    "<h1>خطا</h1><p>خطای داخلی رخ داد؛ دوباره تلاش کنید.</p>\n");
    return p;
  }
  if (!on || (page > 1 && list.first.empty())) return std::nullopt;
  Head h{
      .title = "مصوبات کمیتهٔ روابط عمومی — " + council.name,
      .description = "مصوبات منتشرشدهٔ کمیتهٔ روابط عمومی " + council.name + " و وضعیت پیگیری و پیشرفت هر کدام",
      .canonical = base + "/decisions" + (page > 1 ? "?page=" + std::to_string(page) : ""),
      .decisions_link = true};
  std::string main = "<h1>مصوبات کمیتهٔ روابط عمومی</h1>\n<p>مصوباتی که کمیتهٔ روابط عمومی " +
                     EscapeHtml(council.name) +
                     " برای آگاهی همگان منتشر کرده است، با وضعیت پیگیری و میزان پیشرفت هر کدام.</p>\n";
  if (list.first.empty()) {
    main += "<p>هنوز مصوبه‌ای منتشر نشده است.</p>\n";
  } else {
    main += "<ul class=\"cards decisions\">\n";
    for (const auto& d : list.first) main += Card(d, now);
    main += "</ul>\n";
  }
  main += Pager("/decisions", "", page, list.second, page_size_, &h, base);
  Page p;
  p.body = Layout(council.name, font_path_, h, main);
  return Finish(std::move(p));
}

}  // namespace pol::site
