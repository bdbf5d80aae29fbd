// OutboxService (outbox.h): the failed bulletin, alert and correction/withdrawal deliveries and their retry;
// and NotifyDeliveryFailed (distributor_internal.h), the PR managers' notice when any delivery stops for good.
#include "distribution/outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "distribution/distribution_policy.h"
#include "distribution/distributor.h"
#include "distribution/distributor_internal.h"
#include "distribution/mime.h"
#include "jobs/queue.h"
#include "store/release_repo.h"

namespace pol::distribution {

using accounts::Actor;
using namespace internal;  // NOLINT: the states and helpers of this folder
using nlohmann::json;
using store::Conn;
using store::OutboxKind;

namespace internal {

Status NotifyDeliveryFailed(Conn& c, int64_t council_id, std::optional<int64_t> agency_id,
                            const std::string& title, const std::string& cause, const std::string& link,
                            int64_t now) {
  std::vector<int64_t> users;
  if (agency_id) {
    POL_ASSIGN_OR_RETURN(users, store::UsersWithAgencyRole(c, *agency_id, "agency_pr_manager"));
  } else {
    POL_ASSIGN_OR_RETURN(users, store::UsersWithCouncilRoles(c, council_id, {"council_admin"}));
  }
  for (int64_t u : users) {
    POL_RETURN_IF_ERROR(store::InsertNotification(c, {.user_id = u,
                                                      .kind = "distribution.failed",
                                                      .title = title,
                                                      .body = cause,
                                                      .link = link,
                                                      .created_at = now})
                            .status());
  }
  return Status::Ok();
}

}  // namespace internal

namespace {

const char* JobKindOf(OutboxKind kind) {
  switch (kind) {
    case OutboxKind::kBulletin:
      return kBulletinDeliverJob;
    case OutboxKind::kAlert:
      return kAlertDeliverJob;
    case OutboxKind::kReleaseUpdate:
      return kReleaseUpdateJob;
  }
  return "";
}

// The prefix of the kind's job dedup keys (bulletin_delivery.cc, alert_delivery.cc, release_update.cc).
const char* DedupPrefixOf(OutboxKind kind) {
  switch (kind) {
    case OutboxKind::kBulletin:
      return "distribution.bulletin:";
    case OutboxKind::kAlert:
      return "distribution.alert:";
    case OutboxKind::kReleaseUpdate:
      return "distribution.update:";
  }
  return "";
}

OutboxView ViewOf(const Actor& actor, store::OutboxItem o) {
  if (!o.recipient.empty() && o.kind != OutboxKind::kAlert &&
      !CanSeePressContacts(actor, o.council_id, o.agency_id)) {
    o.recipient = MaskEmail(o.recipient);
  }
  const bool retryable = CanRetryOrCancelDelivery(actor, o.council_id, o.agency_id);
  return OutboxView{.item = std::move(o), .retryable = retryable};
}

}  // namespace

StatusOr<std::pair<std::vector<OutboxView>, int64_t>> OutboxService::ListFailed(
    const Actor& actor, std::optional<OutboxKind> kind, std::optional<int64_t> agency_id, int64_t limit,
    int64_t offset) {
  const ManageScope scope = ManageableScope(actor);
  std::pair<std::vector<OutboxView>, int64_t> out{{}, 0};
  if (scope.none) return out;
  POL_RETURN_IF_ERROR(db_->Read([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto page, store::ListFailedOutbox(c, scope.councils, scope.agencies, kind,
                                                            agency_id, limit, offset));
    out.second = page.second;
    for (auto& o : page.first) out.first.push_back(ViewOf(actor, std::move(o)));
    return Status::Ok();
  }));
  return out;
}

StatusOr<OutboxView> OutboxService::Retry(const Actor& actor, OutboxKind kind, int64_t id) {
  const int64_t now = env_->NowMillis();
  const ManageScope scope = ManageableScope(actor);
  OutboxView out;
  POL_RETURN_IF_ERROR(db_->Write([&](Conn& c) -> Status {
    POL_ASSIGN_OR_RETURN(auto item, store::GetOutboxItem(c, kind, id));
    // Out of the person's scope: as if it did not exist (ids do not leak).
    if (!item || !scope.Covers(item->council_id, item->agency_id)) return NotFound("این ارسال پیدا نشد.");
    if (!CanRetryOrCancelDelivery(actor, item->council_id, item->agency_id)) {
      return PermissionDenied("ارسال دوباره با مدیر روابط عمومی دستگاه است.");
    }
    if (item->status.state != kFailed && item->status.state != kCancelled) {
      return FailedPrecondition(
          "not_retryable",
          "فقط ارسال ناموفق یا لغوشده را می‌توان دوباره فرستاد.");
    }
    store::OutboxStatus& s = item->status;
    s.state = kQueued;
    s.updated_at = now;
    s.error_code.clear();
    s.error_fa.clear();
    s.error_detail.clear();
    POL_RETURN_IF_ERROR(store::SaveOutboxStatus(c, kind, s));
    // A new job (its own attempts) under a dedup key of its own: the first job is finished.
    // The job goes into the table (and, on PostgreSQL, NOTIFYs the nodes); the distribution pool of this
    // node finds it at its next poll.
    jobs::Queue queue(db_, env_);
    POL_RETURN_IF_ERROR(queue
                            .EnqueueIn(c, {.queue = kQueue,
                                           .kind = JobKindOf(kind),
                                           .payload_json = json{{"id", id}}.dump(),
                                           .run_at = now,
                                           .max_attempts = max_attempts_,
                                           .dedup_key = DedupPrefixOf(kind) + std::to_string(id) + ":m" +
                                                        std::to_string(now)})
                            .status());
    const std::string kind_name = store::OutboxKindName(kind);
    POL_RETURN_IF_ERROR(accounts::Audit(
        c, actor, now, "delivery.retry", "outbox." + kind_name, std::to_string(id),
        {item->council_id, item->agency_id},
        json{{"kind", kind_name}, {"channel_id", item->channel_id ? json(*item->channel_id) : json()}}));
    out = ViewOf(actor, std::move(*item));
    return Status::Ok();
  }));
  return out;
}

}  // namespace pol::distribution
