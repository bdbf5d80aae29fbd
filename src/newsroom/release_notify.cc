// In-console notifications of the release workflow: writing them, listing and marking them read.
#include <string>
#include <vector>

#include "newsroom/release_internal.h"
#include "newsroom/releases.h"

namespace pol::newsroom {
namespace internal {
namespace {

using accounts::Actor;
using store::Conn;
using store::Release;

Status Notify(Conn& c, const Actor& actor, int64_t user_id, const std::string& kind, const std::string& title,
              const std::string& body, const Release& r, int64_t now) {
  if (ActorId(actor) == user_id) return Status::Ok();  // people are not told of their own doing
  store::Notification n{.user_id = user_id,
                        .kind = kind,
                        .title = title,
                        .body = body,
                        .link = "/console/releases/" + std::to_string(r.id),
                        .created_at = now};
  return store::InsertNotification(c, n).status();
}

}  // namespace

Status NotifyAuthor(Conn& c, const Actor& actor, const Release& r, const std::string& kind,
                    const std::string& title, const std::string& body, int64_t now) {
  if (!r.author_id) return Status::Ok();
  return Notify(c, actor, *r.author_id, kind, title + ": " + r.title, body, r, now);
}

Status NotifyUsers(Conn& c, const Actor& actor, const std::vector<int64_t>& users, const Release& r,
                   const std::string& kind, const std::string& title, int64_t now) {
  for (int64_t u : users) POL_RETURN_IF_ERROR(Notify(c, actor, u, kind, title + ": " + r.title, "", r, now));
  return Status::Ok();
}

}  // namespace internal

using accounts::Actor;
using store::Conn;

StatusOr<std::pair<std::vector<store::Notification>, int64_t>> ReleaseService::Notifications(
    const Actor& actor, bool unread_only, int64_t limit, int64_t offset) {
  if (actor.IsSystem()) return std::make_pair(std::vector<store::Notification>(), int64_t{0});
  std::pair<std::vector<store::Notification>, int64_t> out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(out,
                         store::ListNotifications(c, actor.principal->user_id, unread_only, limit, offset));
    return Status::Ok();
  }));
  return out;
}

Status ReleaseService::MarkRead(const Actor& actor, int64_t id) {
  if (actor.IsSystem()) return NotFound("اعلان پیدا نشد.");
  const int64_t now = env_->NowMillis();
  return db_->Write(
      [&](Conn& c) { return store::MarkNotificationRead(c, actor.principal->user_id, id, now); });
}

}  // namespace pol::newsroom
