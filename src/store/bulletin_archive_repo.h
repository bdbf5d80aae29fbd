// The press bulletin's schedules and archive (src/insight/bulletin_schedule.h, migration 25).
//
// Thread-safety: free functions over a caller's connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/bulletin_delivery_repo.h"
#include "store/db.h"

namespace pol::store {

struct BulletinScheduleRow {
  int64_t council_id = 0;
  std::string period;  // day | week
  int64_t minute_of_day = 0, weekday = 0;
  bool enabled = true;
  std::optional<int64_t> last_slot_at, updated_by;
  int64_t updated_at = 0;
  std::vector<int64_t> channel_ids;  // its recipients (store/bulletin_delivery_repo.h); filled by the caller
};

StatusOr<std::vector<BulletinScheduleRow>> ListBulletinSchedules(Conn& c, std::optional<int64_t> council_id);
// Inserts or replaces the council's schedule of the row's period (last_slot_at is kept as given).
Status UpsertBulletinSchedule(Conn& c, const BulletinScheduleRow& r);
Status SetBulletinScheduleSlot(Conn& c, int64_t council_id, const std::string& period, int64_t slot_at);

struct BulletinArchiveRow {
  int64_t id = 0, council_id = 0;
  std::string period, first_day, label, file_name;
  std::string pdf, html;  // empty in lists
  std::string source;     // schedule | manual
  int64_t slot_at = 0, created_at = 0;
  int64_t pdf_bytes = 0;
  std::vector<BulletinDeliveryCount> deliveries;  // filled by the caller (CountBulletinDeliveries)
};

// Adds a bulletin once per council, period and slot; false when it was already there.
StatusOr<bool> InsertBulletinArchive(Conn& c, const BulletinArchiveRow& r);
// The council's bulletins, newest first, without their files.
StatusOr<std::vector<BulletinArchiveRow>> ListBulletinArchive(Conn& c, int64_t council_id, int64_t limit);
StatusOr<std::optional<BulletinArchiveRow>> GetBulletinArchive(Conn& c, int64_t id);

}  // namespace pol::store
