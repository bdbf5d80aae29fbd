// Reminders of the PR committee (issue 13 §3, §7): the day before and the hour before each scheduled
// meeting (to current members who did not decline), and a reminder to a decision's owner person and to the
// PR managers of its owner agency when its deadline is within the committee's lead time
// (store/committee_repo_reminders.h: 3 days unless the committee set 1–30). Implemented as Invitations::Sweep (invitations.h), run by the
// committee module's periodic task every minute — once per cluster: the dedup keys of committee_notices
// make a second run (or a second node) add nothing, but the sweep should still run on one node only.
//
//   remind_day   starts_at − now in (1 h, 24 h]   key remind_day:m<id>:<starts_at>
//   remind_hour  starts_at − now in (0, 1 h]      key remind_hour:m<id>:<starts_at>
//   decision_due deadline − now in [0, lead]       key decision_due:d<id>:<deadline> (per user and channel)
// A moved meeting or deadline has new keys, so it is reminded of again; the job skips a reminder whose
// meeting or deadline changed after it was enqueued. Escalations: escalation.h.
//
// Thread-safety: see invitations.h.
#pragma once

#include "committee/invitations.h"
