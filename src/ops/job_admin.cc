#include "ops/job_admin.h"

#include "ops/ops_policy.h"

namespace pol::ops {
namespace {

Status RequireSystemAdmin(const accounts::Actor& actor) {
  if (!CanAdministerJobs(actor)) return PermissionDenied("فقط مدیر سامانه به صف کارها دسترسی دارد.");
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<jobs::Job>> JobAdmin::List(const accounts::Actor& actor,
                                                const jobs::ListOptions& options) {
  POL_RETURN_IF_ERROR(RequireSystemAdmin(actor));
  return queue_->List(options);
}

StatusOr<std::vector<jobs::QueueDepth>> JobAdmin::Stats(const accounts::Actor& actor) {
  POL_RETURN_IF_ERROR(RequireSystemAdmin(actor));
  return queue_->Stats();
}

StatusOr<jobs::Job> JobAdmin::Get(const accounts::Actor& actor, int64_t id) {
  POL_RETURN_IF_ERROR(RequireSystemAdmin(actor));
  return queue_->Get(id);
}

StatusOr<jobs::Job> JobAdmin::AfterAction(const accounts::Actor& actor, int64_t id, const char* action) {
  const int64_t now = env_->NowMillis();
  POL_RETURN_IF_ERROR(db_->Write(
      [&](store::Conn& c) { return accounts::Audit(c, actor, now, action, "job", std::to_string(id), {}); }));
  return queue_->Get(id);
}

StatusOr<jobs::Job> JobAdmin::Retry(const accounts::Actor& actor, int64_t id) {
  POL_RETURN_IF_ERROR(RequireSystemAdmin(actor));
  POL_RETURN_IF_ERROR(queue_->Retry(id));
  return AfterAction(actor, id, "retry");
}

StatusOr<jobs::Job> JobAdmin::Cancel(const accounts::Actor& actor, int64_t id) {
  POL_RETURN_IF_ERROR(RequireSystemAdmin(actor));
  POL_RETURN_IF_ERROR(queue_->Cancel(id));
  return AfterAction(actor, id, "cancel");
}

}  // namespace pol::ops
