// The press bulletin's schedule and archive (issue 12 §4): per council a daily and/or weekly time (Tehran
// time; a weekly one on an Iranian weekday); the periodic task "insight.bulletin_schedule" (every minute,
// once per cluster) enqueues the durable job "insight.bulletin" for each slot that has come (each slot
// once: the slot is recorded with the job in one transaction, and the job's dedup key names it); the job
// builds the bulletin through BulletinService (insight/bulletin_service.h) — the last complete period
// before the slot: the day before for a daily one, the week before for a weekly one — renders the PDF
// and the HTML e-mail, and archives both (one per council, period and slot, so a repeated job adds
// nothing). «ساختن همین حالا» (RunNow) enqueues the same job for the current moment.
//
// Delivery: a schedule names its recipients (channel_ids: the council's e-mail, Bale, Telegram and Eitaa
// channels, migration 63). When a job archives a new bulletin (scheduled or «ساختن همین حالا»), the
// delivery hook — distribution's OnBulletinArchived, set by the app — writes the deliveries and their jobs
// in the archiving transaction; the archive lists each bulletin's delivery state per channel.
//
// Bad input: `invalid_period` (not day or week), `invalid_time` (not HH:MM), `invalid_weekday` (not
// 0…6), `missing_field`, `invalid_format` (not pdf or html), `invalid_channel` (not a channel of the
// council that takes documents) — Persian 400s, nothing written.
// Thread-safety: thread-safe (state is in the database).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "insight/bulletin_service.h"
#include "jobs/queue.h"
#include "store/bulletin_archive_repo.h"
#include "store/db.h"

namespace pol::insight {

inline constexpr char kBulletinJob[] = "insight.bulletin";

// The latest slot of `s` at or before `now_ms` (Unix ms): today's (or the last matching weekday's) time
// in Tehran, else the one before.
int64_t LatestBulletinSlot(const store::BulletinScheduleRow& s, int64_t now_ms);
// The Jalali day (yyyy/MM/dd, Latin digits) inside the period a slot's bulletin covers.
std::string BulletinDayForSlot(const std::string& period, int64_t slot_ms);
// "HH:MM" → minutes after midnight; InvalidArgument `invalid_time` otherwise.
StatusOr<int64_t> ParseTimeOfDay(const std::string& hhmm);

struct BulletinScheduleInput {
  int64_t council_id = 0;
  std::string period;   // day | week
  std::string time;     // HH:MM, Tehran
  int64_t weekday = 0;  // week only: 0 = شنبه … 6 = جمعه
  bool enabled = true;
  std::optional<std::vector<int64_t>> channel_ids;  // the recipients; absent: kept as they are
};

// Inside the archiving transaction: writes the deliveries of a newly archived bulletin (and their jobs).
using BulletinDeliveryHook = std::function<Status(store::Conn& c, int64_t archive_id, int64_t council_id,
                                                  const std::string& period, int64_t now)>;

struct ArchivedFile {
  std::string bytes, content_type, file_name;
};

class BulletinScheduler {
 public:
  BulletinScheduler(store::Database* db, Env* env, jobs::Queue* queue, const BulletinService* bulletins);
  // Set once, before the job runs (the app: distribution's OnBulletinArchived).
  void SetDeliveryHook(BulletinDeliveryHook hook) { deliver_ = std::move(hook); }

  StatusOr<std::vector<store::BulletinScheduleRow>> Schedules(const accounts::Actor& a,
                                                              int64_t council_id) const;
  StatusOr<store::BulletinScheduleRow> SetSchedule(const accounts::Actor& a,
                                                   const BulletinScheduleInput& in) const;
  // Enqueues the bulletin of `period` now; returns the job id.
  StatusOr<int64_t> RunNow(const accounts::Actor& a, int64_t council_id, const std::string& period) const;

  StatusOr<std::vector<store::BulletinArchiveRow>> Archive(const accounts::Actor& a,
                                                           int64_t council_id) const;
  StatusOr<ArchivedFile> ArchivedBulletin(const accounts::Actor& a, int64_t id,
                                          const std::string& format) const;

  // The periodic task: enqueues the slots that have come. Returns the number of jobs enqueued.
  StatusOr<int64_t> Tick() const;
  // The job: payload {"council_id", "period", "slot_at", "source"}.
  Status RunJob(const std::string& payload_json) const;

 private:
  store::Database* db_;
  Env* env_;
  jobs::Queue* queue_;
  const BulletinService* bulletins_;
  BulletinDeliveryHook deliver_;
};

}  // namespace pol::insight
