// Reloading in-memory models when another node changed them (issue 14: "tone and routing models, versioned;
// a node reloads when the version changes"). Each model's version lives in the database
// (store/model_version_repo.h), bumped in the transaction that changes its data; ModelReloadTask is a
// periodic task that reads the versions (one small read) and calls `reload` when any differs from what
// this node saw last. It runs on every node (not once per cluster). Its first run always reloads, so a
// change made between a module's initial load and the first poll is not missed. A failed reload is
// retried at the next poll (the versions seen are kept only after a successful one). A node that made
// the change itself has already reloaded; its next poll reloads once more (harmless). The task's wake_on
// names its models: on PostgreSQL a bump notifies store::kModelsChannel (store/change_channels.h) with the model's name and `pol
// serve` passes it to PeriodicScheduler::Wake, so the other nodes reload at once rather than at their
// next poll (which stays the fallback).
//
// Thread-safety: the task's function keeps its state to itself; the scheduler (periodic.h) never runs
// one task's function on two threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "jobs/periodic.h"
#include "store/db.h"

namespace pol::jobs {

PeriodicTask ModelReloadTask(store::Database* db, std::string task_name, std::vector<std::string> models,
                             int64_t every_ms, std::function<Status()> reload);

}  // namespace pol::jobs
