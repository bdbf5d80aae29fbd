// pol ingest [--data DIR] [--council SLUG] FILE|URL — imports feeds, pages or JSON lines (the news sample
// format) into media monitoring. The import is a "monitor.ingest" job on the "monitor" queue — the same
// queue as scheduled source fetches — run here by a local worker pool; a running `pol serve` would pick it
// up too if this process died: like a fetch job it has two attempts (monitor::kFetchAttempts) and the
// monitoring lease (monitor.lease_ms), so when this process is killed mid-ingest the job's lease runs out
// and a node takes it over and finishes it (items already stored are recognized, none is stored twice);
// with one attempt the takeover would find it spent and bury it. A progress bar is drawn on a terminal;
// otherwise one summary line.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/config.h"
#include "jobs/queue.h"
#include "jobs/worker_pool.h"
#include "monitor/fetcher.h"
#include "monitor/monitor.h"
#include "net/outbound_guard.h"
#include "store/council_repo.h"
#include "text/number_words.h"

namespace pol::cli {
namespace {

void DrawBar(const monitor::IngestProgress& p) {
  const int width = 30;
  const int filled = p.total > 0 ? static_cast<int>(width * p.done / p.total) : 0;
  std::string bar(static_cast<size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %s از %s", bar.c_str(), text::PersianNumber(p.done).c_str(),
               text::PersianNumber(p.total).c_str());
  std::fflush(stderr);
}

}  // namespace

int IngestCommand(int argc, char** argv) {
  auto cl =
      ParseCommandLine(argc, argv, 1, {.options = {"council"}, .min_positional = 1, .max_positional = 1});
  if (!cl) {
    std::fprintf(stderr, "usage: pol ingest [--data DIR] [--council SLUG] FILE|URL\n");
    return 2;
  }
  const std::string council_slug = cl->Option("council");
  const std::string& target = cl->positional[0];
  auto config = LoadCommandConfig(*cl);
  if (!config.ok()) return Fail(config.status());
  auto db = OpenDataFolder(*config, /*create=*/false);
  if (!db.ok()) return Fail(db.status());

  int64_t council_id = 0;
  Status st = (*db)->Read([&](store::Conn& c) -> Status {
    if (!council_slug.empty()) {
      POL_ASSIGN_OR_RETURN(auto council, store::FindCouncilBySlug(c, council_slug));
      if (!council) return NotFound("شورای «" + council_slug + "» پیدا نشد.");
      council_id = council->id;
      return Status::Ok();
    }
    POL_ASSIGN_OR_RETURN(auto councils, store::ListCouncils(c));
    if (councils.size() != 1) {
      return InvalidArgument("council_required",
                             "چند شورا (یا هیچ شورایی) هست؛ با --council یکی را برگزینید.");
    }
    council_id = councils[0].id;
    return Status::Ok();
  });
  if (!st.ok()) return Fail(st);

  const bool is_url = target.starts_with("http://") || target.starts_with("https://");
  nlohmann::json payload{{"council_id", council_id}};
  if (is_url) {
    payload["url"] = target;
  } else {
    std::error_code ec;
    auto abs = std::filesystem::absolute(target, ec);
    if (ec || !std::filesystem::is_regular_file(abs, ec)) {
      return Fail(NotFound("پروندهٔ «" + target + "» پیدا نشد."));
    }
    payload["path"] = abs.string();
  }

  Env* env = Env::Default();
  jobs::Queue queue(db->get(), env);
  net::SetOutboundPolicy(config->app.outbound_allow);  // `pol ingest URL` fetches like `pol serve`
  monitor::CurlFetcher fetcher(config->app.monitor.fetcher);
  monitor::MonitorService service(db->get(), env, &queue, &fetcher);
  if (Status s = service.Start(); !s.ok()) return Fail(s);
  const bool tty = ::isatty(STDERR_FILENO) != 0;
  jobs::WorkerPool pool(&queue, {.queues = {monitor::kQueue},
                                 .workers = 1,
                                 .lease_ms = config->app.monitor.lease_ms,
                                 .name = "pol-ingest"});
  std::function<void(const monitor::IngestProgress&)> progress;
  if (tty) progress = DrawBar;
  if (Status s = monitor::RegisterMonitorJobs(pool, &service, progress); !s.ok()) return Fail(s);

  // The pool first, so the enqueue wakes it at once (a running `pol serve` may take the job instead).
  if (Status s = pool.Start(); !s.ok()) return Fail(s);
  auto job_id = queue.Enqueue({.queue = monitor::kQueue,
                               .kind = monitor::kIngestJob,
                               .payload_json = payload.dump(),
                               .max_attempts = monitor::kFetchAttempts});
  if (!job_id.ok()) {
    pool.Stop();
    return Fail(job_id.status());
  }
  jobs::Job job;
  for (;;) {
    auto j = queue.Get(*job_id);
    if (!j.ok()) return Fail(j.status());
    job = *j;
    if (job.state == jobs::kDone || job.state == jobs::kDead || job.state == jobs::kCancelled) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  pool.Stop();
  if (tty) std::fputs("\n", stderr);
  if (job.state != jobs::kDone) {
    std::fprintf(stderr, "ورود ناموفق بود (کار %s): %s\n", text::PersianNumber(job.id).c_str(),
                 job.last_error.c_str());
    return 1;
  }
  // The numbers, from the store: items now held for this council.
  int64_t items = 0;
  (void)(*db)->Read([&](store::Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto page, store::ListMediaItems(c, {.council_id = council_id, .limit = 1}));
    items = page.total;
    return Status::Ok();
  });
  std::printf("ورود انجام شد (کار %s). اخبار پایش‌شدهٔ شورا: %s\n",
              text::PersianNumber(job.id).c_str(), text::PersianNumber(items).c_str());
  return 0;
}

}  // namespace pol::cli
