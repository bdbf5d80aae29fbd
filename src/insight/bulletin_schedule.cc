#include "insight/bulletin_schedule.h"

#include <nlohmann/json.hpp>

#include "insight/bulletin_schedule_policy.h"
#include "store/distribution_repo.h"
#include "text/jalali.h"
#include "text/number_words.h"

namespace pol::insight {
namespace {

using store::Conn;

constexpr int64_t kArchiveLimit = 200;

Status CheckPeriod(const std::string& period) {
  if (period != "day" && period != "week")
    return InvalidArgument(
        "invalid_period",
        "دورهٔ بولتن زمان‌بندی‌شده باید روزانه (day) یا هفتگی (week) باشد.",
        "period");
  return Status::Ok();
}

int64_t TehranDayOf(int64_t ms) {
  const int64_t secs = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
  return text::DaysFromCivil(text::TehranFromUnix(secs).date);
}

StatusOr<int64_t> Enqueue(Conn& c, jobs::Queue* queue, int64_t council_id, const std::string& period,
                          int64_t slot, const std::string& source) {
  const nlohmann::json payload = {
      {"council_id", council_id}, {"period", period}, {"slot_at", slot}, {"source", source}};
  return queue->EnqueueIn(
      c, {.kind = kBulletinJob,
          .payload_json = payload.dump(),
          .max_attempts = 3,
          .dedup_key = "bulletin:" + std::to_string(council_id) + ":" + period + ":" + std::to_string(slot)});
}

// Every channel must be one of the council's that takes a document (e-mail, Bale, Telegram, Eitaa).
Status CheckChannels(Conn& c, int64_t council_id, const std::vector<int64_t>& ids) {
  if (ids.size() > 50)
    return InvalidArgument("invalid_channel",
                           "بیش از ۵۰ کانال برای بولتن نمی‌شود.", "channel_ids");
  for (int64_t id : ids) {
    auto ch = store::GetChannel(c, id);
    if (!ch.ok() || ch->council_id != council_id || ch->kind == "webhook")
      return InvalidArgument(
          "invalid_channel",
          "کانال " + text::PersianNumber(id) +
              " از کانال‌های رایانامه یا پیام‌رسان این شورا نیست.",
          "channel_ids");
  }
  return Status::Ok();
}

}  // namespace

int64_t LatestBulletinSlot(const store::BulletinScheduleRow& s, int64_t now_ms) {
  const int64_t today = TehranDayOf(now_ms);
  for (int64_t d = today; d >= today - 14; --d) {
    if (s.period == "week" && text::IranianWeekdayFromDays(d) != s.weekday) continue;
    const int64_t t =
        text::UnixFromTehran({text::CivilFromDays(d), static_cast<int>(s.minute_of_day * 60)}) * 1000;
    if (t <= now_ms) return t;
  }
  return 0;
}

std::string BulletinDayForSlot(const std::string& period, int64_t slot_ms) {
  const int64_t day = TehranDayOf(slot_ms) - (period == "week" ? 7 : 1);
  return text::FormatJalali(text::JalaliFromDays(day), "yyyy/MM/dd", true);
}

StatusOr<int64_t> ParseTimeOfDay(const std::string& hhmm) {
  const Status bad = InvalidArgument("invalid_time", "ساعت باید به شکل ۰۸:۳۰ (ساعت و دقیقه) باشد.", "time");
  const size_t colon = hhmm.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || hhmm.size() != colon + 3) return bad;
  int64_t h = 0, m = 0;
  for (size_t i = 0; i < hhmm.size(); ++i) {
    if (i == colon) continue;
    if (hhmm[i] < '0' || hhmm[i] > '9') return bad;
    (i < colon ? h : m) = (i < colon ? h : m) * 10 + (hhmm[i] - '0');
  }
  if (h > 23 || m > 59) return bad;
  return h * 60 + m;
}

BulletinScheduler::BulletinScheduler(store::Database* db, Env* env, jobs::Queue* queue,
                                     const BulletinService* bulletins)
    : db_(db), env_(env), queue_(queue), bulletins_(bulletins) {}

StatusOr<std::vector<store::BulletinScheduleRow>> BulletinScheduler::Schedules(const accounts::Actor& a,
                                                                               int64_t council_id) const {
  if (!CanViewBulletinArchive(a, council_id))
    return PermissionDenied(
        "شما اجازهٔ دیدن زمان‌بندی بولتن این شورا را ندارید.");
  return db_->ReadValue([&](Conn& c) -> StatusOr<std::vector<store::BulletinScheduleRow>> {
    POL_ASSIGN_OR_RETURN(auto rows, store::ListBulletinSchedules(c, council_id));
    for (auto& r : rows) {
      POL_ASSIGN_OR_RETURN(r.channel_ids, store::BulletinRecipients(c, r.council_id, r.period));
    }
    return rows;
  });
}

StatusOr<store::BulletinScheduleRow> BulletinScheduler::SetSchedule(const accounts::Actor& a,
                                                                    const BulletinScheduleInput& in) const {
  if (!CanScheduleBulletin(a, in.council_id))
    return PermissionDenied(
        "شما اجازهٔ زمان‌بندی بولتن این شورا را ندارید.");
  POL_RETURN_IF_ERROR(CheckPeriod(in.period));
  POL_ASSIGN_OR_RETURN(int64_t minute, ParseTimeOfDay(in.time));
  if (in.weekday < 0 || in.weekday > 6)
    return InvalidArgument("invalid_weekday", "روز هفته باید از ۰ (شنبه) تا ۶ (جمعه) باشد.", "weekday");
  const int64_t now = env_->NowMillis();
  store::BulletinScheduleRow r{.council_id = in.council_id,
                               .period = in.period,
                               .minute_of_day = minute,
                               .weekday = in.period == "week" ? in.weekday : 0,
                               .enabled = in.enabled,
                               .updated_at = now};
  if (!a.IsSystem()) r.updated_by = a.principal->user_id;
  r.last_slot_at = LatestBulletinSlot(r, now);  // only slots still to come are sent
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    nlohmann::json detail = {
        {"period", r.period}, {"minute_of_day", minute}, {"weekday", r.weekday}, {"enabled", r.enabled}};
    if (in.channel_ids) {
      POL_RETURN_IF_ERROR(CheckChannels(c, in.council_id, *in.channel_ids));
      POL_RETURN_IF_ERROR(store::SetBulletinRecipients(c, in.council_id, in.period, *in.channel_ids));
      detail["channel_ids"] = *in.channel_ids;
    }
    POL_RETURN_IF_ERROR(store::UpsertBulletinSchedule(c, r));
    POL_ASSIGN_OR_RETURN(r.channel_ids, store::BulletinRecipients(c, in.council_id, in.period));
    return accounts::Audit(c, a, now, "insight.bulletin.schedule", "council", std::to_string(in.council_id),
                           {.council_id = in.council_id}, detail);
  }));
  return r;
}

StatusOr<int64_t> BulletinScheduler::RunNow(const accounts::Actor& a, int64_t council_id,
                                            const std::string& period) const {
  if (!CanScheduleBulletin(a, council_id))
    return PermissionDenied("شما اجازهٔ ساختن بولتن این شورا را ندارید.");
  POL_RETURN_IF_ERROR(CheckPeriod(period));
  const int64_t now = env_->NowMillis();
  POL_ASSIGN_OR_RETURN(int64_t job, db_->WriteValue([&](Conn& c) -> StatusOr<int64_t> {
    POL_ASSIGN_OR_RETURN(int64_t id, Enqueue(c, queue_, council_id, period, now, "manual"));
    POL_RETURN_IF_ERROR(accounts::Audit(c, a, now, "insight.bulletin.make_now", "council",
                                        std::to_string(council_id), {.council_id = council_id},
                                        {{"period", period}, {"job_id", id}}));
    return id;
  }));
  queue_->Notify();
  return job;
}

StatusOr<std::vector<store::BulletinArchiveRow>> BulletinScheduler::Archive(const accounts::Actor& a,
                                                                            int64_t council_id) const {
  if (!CanViewBulletinArchive(a, council_id))
    return PermissionDenied("شما اجازهٔ دیدن بایگانی بولتن این شورا را ندارید.");
  return db_->ReadValue([&](Conn& c) -> StatusOr<std::vector<store::BulletinArchiveRow>> {
    POL_ASSIGN_OR_RETURN(auto rows, store::ListBulletinArchive(c, council_id, kArchiveLimit));
    std::vector<int64_t> ids;
    for (const auto& r : rows) ids.push_back(r.id);
    POL_ASSIGN_OR_RETURN(auto counts, store::CountBulletinDeliveries(c, ids));
    for (auto& r : rows) {
      for (const auto& x : counts) {
        if (x.archive_id == r.id) r.deliveries.push_back(x);
      }
    }
    return rows;
  });
}

StatusOr<ArchivedFile> BulletinScheduler::ArchivedBulletin(const accounts::Actor& a, int64_t id,
                                                           const std::string& format) const {
  if (format != "pdf" && format != "html")
    return InvalidArgument("invalid_format",
                           "قالب بولتن بایگانی‌شده باید pdf یا html باشد.",
                           "format");
  POL_ASSIGN_OR_RETURN(std::optional<store::BulletinArchiveRow> r,
                       db_->ReadValue([&](Conn& c) { return store::GetBulletinArchive(c, id); }));
  if (!r || !CanViewBulletinArchive(a, r->council_id)) return NotFound("این بولتن پیدا نشد.");
  if (format == "pdf") return ArchivedFile{std::move(r->pdf), "application/pdf", r->file_name};
  std::string html_name = r->file_name;
  if (html_name.ends_with(".pdf")) html_name = html_name.substr(0, html_name.size() - 4) + ".html";
  return ArchivedFile{std::move(r->html), "text/html; charset=utf-8", html_name};
}

StatusOr<int64_t> BulletinScheduler::Tick() const {
  const int64_t now = env_->NowMillis();
  POL_ASSIGN_OR_RETURN(std::vector<store::BulletinScheduleRow> all,
                       db_->ReadValue([](Conn& c) { return store::ListBulletinSchedules(c, std::nullopt); }));
  int64_t enqueued = 0;
  for (const store::BulletinScheduleRow& s : all) {
    if (!s.enabled) continue;
    const int64_t slot = LatestBulletinSlot(s, now);
    if (slot == 0 || (s.last_slot_at && slot <= *s.last_slot_at)) continue;
    POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
      POL_RETURN_IF_ERROR(Enqueue(c, queue_, s.council_id, s.period, slot, "schedule").status());
      return store::SetBulletinScheduleSlot(c, s.council_id, s.period, slot);
    }));
    ++enqueued;
  }
  if (enqueued > 0) queue_->Notify();
  return enqueued;
}

Status BulletinScheduler::RunJob(const std::string& payload_json) const {
  const nlohmann::json p = nlohmann::json::parse(payload_json, nullptr, false);
  if (p.is_discarded() || !p.is_object() || !p.contains("council_id") || !p.contains("period") ||
      !p.contains("slot_at"))
    return InvalidArgument("bad_payload", "درخواست ساختن بولتن نادرست است.");
  const int64_t council_id = p["council_id"].get<int64_t>();
  const std::string period = p["period"].get<std::string>();
  const int64_t slot = p["slot_at"].get<int64_t>();
  const std::string source = p.value("source", "schedule");
  POL_RETURN_IF_ERROR(CheckPeriod(period));
  const accounts::Actor system;
  const BulletinRequest req{council_id, period, BulletinDayForSlot(period, slot)};
  POL_ASSIGN_OR_RETURN(BulletinFile pdf, bulletins_->Render(system, req, "pdf"));
  POL_ASSIGN_OR_RETURN(BulletinFile html, bulletins_->RenderBuilt(pdf.bulletin, "html"));
  const Period& per = pdf.bulletin.period;
  store::BulletinArchiveRow row{.council_id = council_id,
                                .period = period,
                                .first_day = text::FormatJalali(per.first, "yyyy/MM/dd", true),
                                .label = PeriodLabel(per),
                                .file_name = pdf.file_name,
                                .pdf = std::move(pdf.bytes),
                                .html = std::move(html.bytes),
                                .source = source,
                                .slot_at = slot,
                                .created_at = env_->NowMillis()};
  return db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(bool added, store::InsertBulletinArchive(c, row));
    if (!added || !deliver_) return Status::Ok();  // a repeated job delivers nothing again
    POL_ASSIGN_OR_RETURN(std::optional<int64_t> id,
                         store::FindBulletinArchiveId(c, council_id, period, slot));
    if (!id) return Internal("archived bulletin not found");
    return deliver_(c, *id, council_id, period, row.created_at);
  });
}

}  // namespace pol::insight
