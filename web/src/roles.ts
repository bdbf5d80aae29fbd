// What the signed-in user may do, derived from their role grants. The server
// checks every request; this only decides what the console shows.
import type { RoleGrant, RoleName, User } from './types';

export const ROLE_LABELS: Record<RoleName, string> = {
  system_admin: 'مدیر سامانه',
  council_admin: 'مدیر شورا',
  committee_member: 'عضو کمیته',
  analyst: 'تحلیلگر',
  agency_pr_manager: 'مدیر روابط عمومی دستگاه',
  agency_editor: 'دبیر/خبرنگار دستگاه',
  citizen_desk: 'کارشناس میز پاسخگویی',
};

export const ALL_ROLES = Object.keys(ROLE_LABELS) as RoleName[];
export const COUNCIL_ROLES: RoleName[] = ['council_admin', 'committee_member', 'analyst'];
export const AGENCY_ROLES: RoleName[] = ['agency_pr_manager', 'agency_editor', 'citizen_desk'];

export function roleScope(role: RoleName): 'global' | 'council' | 'agency' {
  if (role === 'system_admin') return 'global';
  return AGENCY_ROLES.includes(role) ? 'agency' : 'council';
}

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role;
}

export interface Caps {
  isSystemAdmin: boolean;
  /** councils this user administers */
  adminCouncils: number[];
  /** councils this user can read (any council-scoped role) */
  readCouncils: number[];
  /** agencies whose staff this user manages (PR manager) */
  managedAgencies: number[];
  /** agencies this user belongs to (any agency role) */
  memberAgencies: number[];
  canSeeCouncils: boolean;
  canEditCouncil: (councilId: number) => boolean;
  canSeeAgencies: boolean;
  canManageAgencies: boolean;
  canManageAgency: (a: { id: number; council_id: number }) => boolean;
  canSeeUsers: boolean;
  canSeeAudit: boolean;
  // Newsroom
  /** agencies where this user writes releases (editor or PR manager) */
  writeAgencies: number[];
  /** councils whose committee this user sits on (council admin or committee member) */
  committeeCouncils: number[];
  canSeeNewsroom: boolean;
  /** every agency's pipeline (council roles, system admin) */
  canSeeAllReleases: boolean;
  canWriteRelease: (agencyId: number) => boolean;
  /** return / approve / schedule / publish / correct / withdraw (agency PR manager) */
  canManageReleases: (agencyId: number) => boolean;
  canCouncilApprove: (councilId: number) => boolean;
  canSeeQueue: boolean;
  canSeeCalendar: boolean;
  canEditOccasions: (councilId: number) => boolean;
  /** distribution channels and press lists (system admin, council admin, agency PR manager) */
  canManageChannels: boolean;
  /** roles this user may grant, with the scopes allowed for each */
  assignable: (
    agencies: { id: number; council_id: number }[],
    councils: { id: number }[],
  ) => {
    role: RoleName;
    councils: number[];
    agencies: number[];
  }[];
}

const uniq = (xs: (number | null)[]) => [...new Set(xs.filter((x): x is number => x != null))];

export function capsOf(user: User | null): Caps {
  const roles: RoleGrant[] = user?.roles ?? [];
  const has = (r: RoleName) => roles.some((g) => g.role === r);
  const isSystemAdmin = has('system_admin');
  const adminCouncils = uniq(roles.filter((g) => g.role === 'council_admin').map((g) => g.council_id));
  const readCouncils = uniq(roles.filter((g) => COUNCIL_ROLES.includes(g.role)).map((g) => g.council_id));
  const managedAgencies = uniq(roles.filter((g) => g.role === 'agency_pr_manager').map((g) => g.agency_id));
  const memberAgencies = uniq(roles.filter((g) => AGENCY_ROLES.includes(g.role)).map((g) => g.agency_id));
  const canManageAgencies = isSystemAdmin || adminCouncils.length > 0;
  const writeAgencies = uniq(
    roles.filter((g) => g.role === 'agency_editor' || g.role === 'agency_pr_manager').map((g) => g.agency_id),
  );
  const committeeCouncils = uniq(
    roles.filter((g) => g.role === 'council_admin' || g.role === 'committee_member').map((g) => g.council_id),
  );
  const canSeeAllReleases = isSystemAdmin || readCouncils.length > 0;
  return {
    writeAgencies,
    committeeCouncils,
    canSeeNewsroom: canSeeAllReleases || writeAgencies.length > 0,
    canSeeAllReleases,
    canWriteRelease: (id) => writeAgencies.includes(id),
    canManageReleases: (id) => managedAgencies.includes(id),
    canCouncilApprove: (id) => isSystemAdmin || committeeCouncils.includes(id),
    canSeeQueue: managedAgencies.length > 0 || committeeCouncils.length > 0,
    // Council roles, and the PR managers who schedule their agency's releases against it.
    canSeeCalendar: canSeeAllReleases || managedAgencies.length > 0,
    // Council admins manage their council's occasions; the shared, preloaded ones are the system admin's.
    canEditOccasions: (id) => isSystemAdmin || adminCouncils.includes(id),
    canManageChannels: isSystemAdmin || adminCouncils.length > 0 || managedAgencies.length > 0,
    isSystemAdmin,
    adminCouncils,
    readCouncils,
    managedAgencies,
    memberAgencies,
    canSeeCouncils: isSystemAdmin || readCouncils.length > 0,
    canEditCouncil: (id) => isSystemAdmin || adminCouncils.includes(id),
    canSeeAgencies: isSystemAdmin || readCouncils.length > 0,
    canManageAgencies,
    canManageAgency: (a) => isSystemAdmin || adminCouncils.includes(a.council_id),
    canSeeUsers: isSystemAdmin || adminCouncils.length > 0 || managedAgencies.length > 0,
    canSeeAudit: isSystemAdmin || adminCouncils.length > 0,
    assignable: (agencies, councils) => {
      if (isSystemAdmin) {
        return ALL_ROLES.map((role) => ({
          role,
          councils: roleScope(role) === 'council' ? councils.map((c) => c.id) : [],
          agencies: roleScope(role) === 'agency' ? agencies.map((a) => a.id) : [],
        }));
      }
      const out: { role: RoleName; councils: number[]; agencies: number[] }[] = [];
      if (adminCouncils.length) {
        const ags = agencies.filter((a) => adminCouncils.includes(a.council_id)).map((a) => a.id);
        for (const role of COUNCIL_ROLES) out.push({ role, councils: adminCouncils, agencies: [] });
        for (const role of AGENCY_ROLES) out.push({ role, councils: [], agencies: ags });
      } else if (managedAgencies.length) {
        for (const role of AGENCY_ROLES) out.push({ role, councils: [], agencies: managedAgencies });
      }
      return out;
    },
  };
}
