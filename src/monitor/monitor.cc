// MonitorService: construction, start, and the job handlers (monitor.fetch, monitor.lookback,
// monitor.ingest). The member groups live in monitor_*.cc (see monitor.h).
#include "monitor/monitor.h"

#include "base/file.h"
#include "text/number_words.h"

#include <spdlog/spdlog.h>

#include <cstdio>

namespace pol::monitor {
namespace {

// An integer field of a job's JSON payload; nullopt when missing or not an integer.
std::optional<int64_t> PayloadInt(const nlohmann::json& p, const char* key) {
  if (!p.is_object() || !p.contains(key) || !p[key].is_number_integer()) return std::nullopt;
  return p[key].get<int64_t>();
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return jobs::PermanentError("پرونده «" + path + "» باز نشد.");
  return bytes;
}

}  // namespace

std::string Summarize(const IngestStats& s) {
  return text::PersianNumber(s.inserted) + " خبر تازه، " + text::PersianNumber(s.duplicates) + " تکراری، " +
         text::PersianNumber(s.failed) + " ناموفق";
}

MonitorService::MonitorService(store::Database* db, Env* env, jobs::Queue* queue, Fetcher* fetcher,
                               AlertSink* sink)
    : db_(db),
      env_(env),
      queue_(queue),
      fetcher_(fetcher),
      sink_(sink),
      pickups_(std::make_unique<PickupIndex>()) {}

Status MonitorService::Start() {
  POL_RETURN_IF_ERROR(ReloadMentions());
  POL_RETURN_IF_ERROR(ReloadTone());
  return SyncReleases();
}

Status RegisterMonitorJobs(jobs::WorkerPool& pool, MonitorService* service,
                           std::function<void(const IngestProgress&)> progress) {
  POL_RETURN_IF_ERROR(pool.Register(kFetchJob, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
    auto source_id = PayloadInt(nlohmann::json::parse(job.payload_json, nullptr, false), "source_id");
    if (!source_id) return jobs::PermanentError("شناسهٔ منبع در کار نیست.");
    return service->FetchSource(*source_id).status();
  }));
  POL_RETURN_IF_ERROR(
      pool.Register(kLookBackJob, [service](const jobs::Job& job, jobs::JobContext&) -> Status {
        auto release_id = PayloadInt(nlohmann::json::parse(job.payload_json, nullptr, false), "release_id");
        if (!release_id) return jobs::PermanentError("شناسهٔ خبر در کار نیست.");
        POL_ASSIGN_OR_RETURN(int found, service->LookBack(*release_id));
        spdlog::info("monitor.lookback job {}: {} pickups", job.id, found);
        return Status::Ok();
      }));
  POL_RETURN_IF_ERROR(
      pool.Register(kIngestJob, [service, progress](const jobs::Job& job, jobs::JobContext&) -> Status {
        nlohmann::json p = nlohmann::json::parse(job.payload_json, nullptr, false);
        auto council = PayloadInt(p, "council_id");
        if (!council) return jobs::PermanentError("شورا در کار ورود مشخص نیست.");
        StatusOr<IngestStats> stats = Internal("empty ingest job");
        if (p.contains("url") && p["url"].is_string()) {
          stats = service->IngestUrl(*council, p["url"].get<std::string>(), progress);
        } else if (p.contains("path") && p["path"].is_string()) {
          const std::string path = p["path"].get<std::string>();
          POL_ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path));
          stats = service->IngestDocument(*council, "file://" + path, bytes, "", progress);
        }
        if (!stats.ok()) return jobs::PermanentError(stats.status().message());
        spdlog::info("monitor.ingest job {}: {}", job.id, Summarize(*stats));
        return Status::Ok();
      }));
  return Status::Ok();
}

}  // namespace pol::monitor
