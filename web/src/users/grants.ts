// Role grants as the user pages show and pick them.
import { roleLabel, roleScope } from '../roles';
import { agencyName, councilName, type Session } from '../session';
import type { RoleGrant } from '../types';

export function grantText(s: Session, g: RoleGrant): string {
  const scope = roleScope(g.role);
  if (scope === 'global') return roleLabel(g.role);
  if (scope === 'agency') return `${roleLabel(g.role)} — ${agencyName(s, g.agency_id)}`;
  // With a single council in view its (long) name adds nothing.
  return s.councils.length === 1 && s.councils[0].id === g.council_id ? roleLabel(g.role) : `${roleLabel(g.role)} — ${councilName(s, g.council_id)}`;
}

/** Agencies whose users the signed-in user may list/manage. */
export function manageableAgencies(s: Session) {
  const c = s.caps;
  if (c.isSystemAdmin) return s.agencies;
  return s.agencies.filter((a) => c.adminCouncils.includes(a.council_id) || c.managedAgencies.includes(a.id));
}

/** Whether the grant names its role and, for a scoped role, its council or agency. */
export function grantComplete(g: RoleGrant | null): g is RoleGrant {
  if (!g) return false;
  const sc = roleScope(g.role);
  return sc === 'global' || (sc === 'council' ? g.council_id != null : g.agency_id != null);
}

/** The fields of the user forms that the server may name in an error. */
export const USER_FIELDS = ['username', 'name', 'mobile', 'email', 'password', 'roles', 'new_password'];
