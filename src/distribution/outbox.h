// The failed deliveries of the kinds besides releases, on the distribution screen (issue 16 §3): the press
// bulletin's (bulletin_delivery.cc), monitoring alerts' (alert_delivery.cc: e-mail, the agency's alert chat,
// a PR manager's own linked chat) and corrections/withdrawals re-announced (release_update.cc).
//
// One outbox. The three kinds keep their own tables (each has its own key, unique constraint and foreign
// keys, and queued jobs name their rows by id), but share one status SQL and one failed list
// (store/outbox_repo.h), one result-recording step with release deliveries (distributor_internal.h
// ApplyOutcome) and one failure notice (NotifyDeliveryFailed): a delivery of any kind that stops for good
// tells the PR managers of its agency (a council channel's: the council's admins) in their bell.
//
// Access follows the release deliveries' (distribution_policy.h): a row belongs to its channel's council or
// agency — an alert's to the alert's agency (its e-mail may go through the council's SMTP channel; its chat
// rows have no channel); the list holds the rows of the owners whose channels the person manages
// (ManageableScope), a retry needs CanRetryOrCancelDelivery on the owner, a row outside the scope is 404.
//
// Thread-safety: stateless apart from its pointers; blocks on the database (worker threads only).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "accounts/actor.h"
#include "base/env.h"
#include "store/db.h"
#include "store/outbox_repo.h"

namespace pol::distribution {

// A failed row and whether this person may retry it.
struct OutboxView {
  store::OutboxItem item;
  bool retryable = false;
};

class OutboxService {
 public:
  // `max_attempts`: the attempts of the job a retry enqueues (DistributorOptions::max_attempts).
  OutboxService(store::Database* db, Env* env, int64_t max_attempts)
      : db_(db), env_(env), max_attempts_(max_attempts) {}

  // The failed rows in the person's scope, optionally of one kind and one agency; newest first, with the
  // total. An e-mail recipient is masked for those who may not see press contacts.
  StatusOr<std::pair<std::vector<OutboxView>, int64_t>> ListFailed(const accounts::Actor& actor,
                                                                   std::optional<store::OutboxKind> kind,
                                                                   std::optional<int64_t> agency_id,
                                                                   int64_t limit, int64_t offset);
  // Queues a failed or cancelled row again with a job of its own (a fresh attempt budget), audited
  // "delivery.retry" (entity "outbox.<kind>"); 404 outside the scope, 403 without the right, 409
  // not_retryable in another state. The distribution pool picks the job up at its next poll (250 ms).
  StatusOr<OutboxView> Retry(const accounts::Actor& actor, store::OutboxKind kind, int64_t id);

 private:
  store::Database* const db_;
  Env* const env_;
  const int64_t max_attempts_;
};

}  // namespace pol::distribution
