// Who may own a channel or a press list: the councils and agencies the user may configure.
import { useSession } from '../session';

/** Owners the user may configure: "a:<agency id>" or "c:<council id>". */
export function useOwners() {
  const s = useSession();
  const c = s.caps;
  const owners: { value: string; label: string }[] = [];
  for (const co of s.councils) if (c.isSystemAdmin || c.adminCouncils.includes(co.id)) owners.push({ value: `c:${co.id}`, label: `شورا: ${co.name}` });
  for (const a of s.agencies) {
    if (c.isSystemAdmin || c.adminCouncils.includes(a.council_id) || c.managedAgencies.includes(a.id)) owners.push({ value: `a:${a.id}`, label: a.name });
  }
  return owners;
}
export function ownerBody(v: string) {
  const [t, id] = v.split(':');
  return t === 'c' ? { council_id: Number(id) } : { agency_id: Number(id) };
}
