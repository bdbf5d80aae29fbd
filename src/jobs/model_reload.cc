#include "jobs/model_reload.h"

#include <spdlog/spdlog.h>

#include <memory>
#include <optional>

#include "store/model_version_repo.h"

namespace pol::jobs {

PeriodicTask ModelReloadTask(store::Database* db, std::string task_name, std::vector<std::string> models,
                             int64_t every_ms, std::function<Status()> reload) {
  auto seen = std::make_shared<std::optional<std::vector<int64_t>>>();
  std::vector<std::string> wake_on = models;
  auto fn = [db, name = task_name, models = std::move(models), reload = std::move(reload), seen]() -> Status {
    std::vector<int64_t> versions;
    POL_RETURN_IF_ERROR(db->Read([&](store::Conn& c) -> Status {
      for (const auto& m : models) {
        POL_ASSIGN_OR_RETURN(int64_t v, store::GetModelVersion(c, m));
        versions.push_back(v);
      }
      return Status::Ok();
    }));
    if (seen->has_value() && **seen == versions) return Status::Ok();
    const bool first = !seen->has_value();
    POL_RETURN_IF_ERROR(reload());
    if (!first) spdlog::info("{}: reloaded (its version changed)", name);
    *seen = std::move(versions);
    return Status::Ok();
  };
  return PeriodicTask{
      .name = std::move(task_name), .every_ms = every_ms, .fn = std::move(fn), .wake_on = std::move(wake_on)};
}

}  // namespace pol::jobs
