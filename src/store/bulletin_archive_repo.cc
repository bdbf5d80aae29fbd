#include "store/bulletin_archive_repo.h"

namespace pol::store {

StatusOr<std::vector<BulletinScheduleRow>> ListBulletinSchedules(Conn& c, std::optional<int64_t> council_id) {
  std::string sql =
      "SELECT council_id, period, minute_of_day, weekday, enabled, last_slot_at, updated_by, updated_at "
      "FROM bulletin_schedules";
  Params params;
  if (council_id) {
    sql += " WHERE council_id = ?";
    params.emplace_back(*council_id);
  }
  sql += " ORDER BY council_id, period";
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(sql, params));
  std::vector<BulletinScheduleRow> out;
  for (const Row& r : rows)
    out.push_back({.council_id = r.Int(0),
                   .period = r.Text(1),
                   .minute_of_day = r.Int(2),
                   .weekday = r.Int(3),
                   .enabled = r.Int(4) != 0,
                   .last_slot_at = r.OptInt(5),
                   .updated_by = r.OptInt(6),
                   .updated_at = r.Int(7)});
  return out;
}

Status UpsertBulletinSchedule(Conn& c, const BulletinScheduleRow& r) {
  return c
      .Exec(
          "INSERT INTO bulletin_schedules(council_id, period, minute_of_day, weekday, enabled, last_slot_at, "
          "updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (council_id, period) DO UPDATE SET "
          "minute_of_day = excluded.minute_of_day, weekday = excluded.weekday, enabled = excluded.enabled, "
          "last_slot_at = excluded.last_slot_at, updated_by = excluded.updated_by, "
          "updated_at = excluded.updated_at",
          {r.council_id, r.period, r.minute_of_day, r.weekday, int64_t{r.enabled ? 1 : 0},
           Opt(r.last_slot_at), Opt(r.updated_by), r.updated_at})
      .status();
}

Status SetBulletinScheduleSlot(Conn& c, int64_t council_id, const std::string& period, int64_t slot_at) {
  return c
      .Exec("UPDATE bulletin_schedules SET last_slot_at = ? WHERE council_id = ? AND period = ?",
            {slot_at, council_id, period})
      .status();
}

StatusOr<bool> InsertBulletinArchive(Conn& c, const BulletinArchiveRow& r) {
  POL_ASSIGN_OR_RETURN(
      int64_t n,
      c.Exec("INSERT INTO bulletin_archive(council_id, period, first_day, label, file_name, pdf, html, "
             "source, slot_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?) "
             "ON CONFLICT (council_id, period, slot_at) DO NOTHING",
             {r.council_id, r.period, r.first_day, r.label, r.file_name, Blob{r.pdf}, r.html, r.source,
              r.slot_at, r.created_at}));
  return n > 0;
}

namespace {

constexpr char kListColumns[] =
    "id, council_id, period, first_day, label, file_name, source, slot_at, created_at, LENGTH(pdf)";

BulletinArchiveRow ArchiveFrom(const Row& r) {
  return {.id = r.Int(0),
          .council_id = r.Int(1),
          .period = r.Text(2),
          .first_day = r.Text(3),
          .label = r.Text(4),
          .file_name = r.Text(5),
          .source = r.Text(6),
          .slot_at = r.Int(7),
          .created_at = r.Int(8),
          .pdf_bytes = r.Int(9)};
}

}  // namespace

StatusOr<std::vector<BulletinArchiveRow>> ListBulletinArchive(Conn& c, int64_t council_id, int64_t limit) {
  POL_ASSIGN_OR_RETURN(Rows rows, c.Query(std::string("SELECT ") + kListColumns +
                                              " FROM bulletin_archive WHERE council_id = ? "
                                              "ORDER BY created_at DESC, id DESC LIMIT ?",
                                          {council_id, limit}));
  std::vector<BulletinArchiveRow> out;
  for (const Row& r : rows) out.push_back(ArchiveFrom(r));
  return out;
}

StatusOr<std::optional<BulletinArchiveRow>> GetBulletinArchive(Conn& c, int64_t id) {
  POL_ASSIGN_OR_RETURN(std::optional<Row> r, c.QueryOpt(std::string("SELECT ") + kListColumns +
                                                            ", pdf, html FROM bulletin_archive WHERE id = ?",
                                                        {id}));
  if (!r) return std::optional<BulletinArchiveRow>();
  BulletinArchiveRow out = ArchiveFrom(*r);
  out.pdf = r->Blob(10);
  out.html = r->Text(11);
  return std::optional<BulletinArchiveRow>(std::move(out));
}

}  // namespace pol::store
