#include "store/row_locked_write.h"

#include "store/notifications.h"

namespace pol::store {

bool SupportsRowLocks(Database& db) { return dynamic_cast<RowLockedWriter*>(&db) != nullptr; }

Status WriteRowLocked(Database& db, const std::function<Status(Conn&)>& fn) {
  if (auto* w = dynamic_cast<RowLockedWriter*>(&db)) return w->WriteRowLocked(fn);
  return db.Write(fn);
}

NotificationSource* NotificationsOf(Database& db) { return dynamic_cast<NotificationSource*>(&db); }

}  // namespace pol::store
