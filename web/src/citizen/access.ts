// Who sees what of the citizens' channel in the console (the server decides;
// this only decides what to show).
import type { User } from '../types';

/** Who sees the citizens' channel: desks and PR managers of agencies, council admins (the triage desk). */
export function canSeeCitizen(user: User): boolean {
  return user.roles.some((g) => ['system_admin', 'council_admin', 'citizen_desk', 'agency_pr_manager'].includes(g.role));
}

/** The council's triage desk (system and council admins): also the routing admin. */
export function isCouncilDesk(user: User): boolean {
  return user.roles.some((g) => g.role === 'system_admin' || g.role === 'council_admin');
}
