#include "store/throttle_repo.h"

namespace pol::store {
namespace {

StatusOr<int64_t> Count(Conn& c, const std::string& key, int64_t window_ms, int64_t now) {
  // No upper bound: an event another node recorded with a clock slightly ahead of ours counts too.
  POL_ASSIGN_OR_RETURN(Row r, c.QueryOne("SELECT COUNT(*) FROM rate_events WHERE counter_key = ? AND at > ?",
                                         {key, now - window_ms}));
  return r.Int(0);
}

}  // namespace

StatusOr<bool> AllowEvent(Database& db, const std::string& key, int64_t limit, int64_t window_ms,
                          int64_t now) {
  if (limit <= 0) return true;
  return db.WriteValue([&](Conn& c) -> StatusOr<bool> {
    POL_ASSIGN_OR_RETURN(int64_t n, Count(c, key, window_ms, now));
    if (n >= limit) return false;
    POL_RETURN_IF_ERROR(
        c.Exec("INSERT INTO rate_events(counter_key, at) VALUES (?, ?)", {key, now}).status());
    return true;
  });
}

StatusOr<int64_t> CountEvents(Database& db, const std::string& key, int64_t window_ms, int64_t now) {
  return db.ReadValue([&](Conn& c) { return Count(c, key, window_ms, now); });
}

Status RecordEvents(Database& db, const std::string& key, int64_t now, int64_t count) {
  if (count <= 0) return Status::Ok();
  return db.Write([&](Conn& c) -> Status {
    for (int64_t i = 0; i < count; ++i) {
      POL_RETURN_IF_ERROR(
          c.Exec("INSERT INTO rate_events(counter_key, at) VALUES (?, ?)", {key, now}).status());
    }
    return Status::Ok();
  });
}

StatusOr<bool> SpendToken(Database& db, const std::string& token, int64_t expires_at) {
  return db.WriteValue([&](Conn& c) -> StatusOr<bool> {
    POL_ASSIGN_OR_RETURN(Rows rows, c.Query("INSERT INTO spent_tokens(token, expires_at) VALUES (?, ?) "
                                            "ON CONFLICT (token) DO NOTHING RETURNING token",
                                            {token, expires_at}));
    return !rows.empty();
  });
}

StatusOr<PrunedThrottles> PruneThrottles(Database& db, int64_t events_before, int64_t now) {
  return db.WriteValue([&](Conn& c) -> StatusOr<PrunedThrottles> {
    PrunedThrottles out;
    POL_ASSIGN_OR_RETURN(out.events, c.Exec("DELETE FROM rate_events WHERE at <= ?", {events_before}));
    POL_ASSIGN_OR_RETURN(out.tokens, c.Exec("DELETE FROM spent_tokens WHERE expires_at < ?", {now}));
    return out;
  });
}

}  // namespace pol::store
