// Escalation of overdue decisions (issue 13 §7): an open or in-progress decision past its deadline is
// brought to the committee's chair(s) — every current member seated as chair — once per decision and
// deadline (key decision_overdue:d<id>:<deadline>), by e-mail and SMS, by Invitations::Sweep
// (invitations.h; the periodic task runs once per cluster). A deadline moved later and missed again
// escalates again; a decision closed before the job runs is not escalated (the job skips it).
//
// Thread-safety: see invitations.h.
#pragma once

#include "committee/invitations.h"
