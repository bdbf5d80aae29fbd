// Choose a role and the council or agency it applies to, among those the signed-in user may grant.
import { useMemo } from 'react';
import { roleLabel, roleScope } from '../roles';
import { agencyName, councilName, useSession } from '../session';
import type { RoleGrant, RoleName } from '../types';

/** Choose a role and the council or agency it applies to. */
export function RolePicker({ value, onChange, idPrefix, error }: { value: RoleGrant | null; onChange: (g: RoleGrant | null) => void; idPrefix: string; error?: string | null }) {
  const s = useSession();
  const options = useMemo(() => s.caps.assignable(s.agencies, s.councils), [s]);
  const opt = value ? options.find((o) => o.role === value.role) : undefined;
  const scope = value ? roleScope(value.role) : null;
  const setRole = (role: RoleName | '') => {
    if (!role) return onChange(null);
    const o = options.find((x) => x.role === role)!;
    const sc = roleScope(role);
    if (sc === 'global') return onChange({ role, council_id: null, agency_id: null });
    if (sc === 'council') return onChange({ role, council_id: o.councils.length === 1 ? o.councils[0] : null, agency_id: null });
    const agencyId = value?.agency_id && o.agencies.includes(value.agency_id) ? value.agency_id : o.agencies.length === 1 ? o.agencies[0] : null;
    onChange({ role, agency_id: agencyId, council_id: agencyId ? s.agencies.find((a) => a.id === agencyId)?.council_id ?? null : null });
  };
  return (
    <div className="row g-2">
      <div className="col-md-6">
        <label htmlFor={`${idPrefix}-role`} className="form-label">
          نقش
        </label>
        <select id={`${idPrefix}-role`} className={`form-select ${error ? 'is-invalid' : ''}`} value={value?.role ?? ''} onChange={(e) => setRole(e.target.value as RoleName | '')}>
          <option value="">برگزینید…</option>
          {options.map((o) => (
            <option key={o.role} value={o.role}>
              {roleLabel(o.role)}
            </option>
          ))}
        </select>
      </div>
      {scope === 'council' && opt && (
        <div className="col-md-6">
          <label htmlFor={`${idPrefix}-council`} className="form-label">
            شورا
          </label>
          <select
            id={`${idPrefix}-council`}
            className="form-select"
            value={value?.council_id ?? ''}
            onChange={(e) => onChange({ ...value!, council_id: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">برگزینید…</option>
            {opt.councils.map((id) => (
              <option key={id} value={id}>
                {councilName(s, id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {scope === 'agency' && opt && (
        <div className="col-md-6">
          <label htmlFor={`${idPrefix}-agency`} className="form-label">
            دستگاه
          </label>
          <select
            id={`${idPrefix}-agency`}
            className="form-select"
            value={value?.agency_id ?? ''}
            onChange={(e) => {
              const id = e.target.value ? Number(e.target.value) : null;
              onChange({ ...value!, agency_id: id, council_id: id ? s.agencies.find((a) => a.id === id)?.council_id ?? null : null });
            }}
          >
            <option value="">برگزینید…</option>
            {opt.agencies.map((id) => (
              <option key={id} value={id}>
                {s.agencies.find((a) => a.id === id)?.name ?? agencyName(s, id)}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && <div className="invalid-feedback d-block">{error}</div>}
    </div>
  );
}
