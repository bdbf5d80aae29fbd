// "A refused write wrote nothing", checked for every write the authorization matrix makes.
//
// watched(client) returns the client with one change: each write it sends (any method but GET/HEAD)
// is recorded with the audit log's total just before and just after it. Every write of the server is
// audited in the same transaction as the change (accounts/actor.h), so a refused write that changed
// anything shows as a grown total. The matrix runner checks every refused write of every cell with
// refusedWroteSomething(), and checks with allowedWriteAudited() that the allowed cells of a write
// route did grow the total: that proves the check can fail for that route (a route whose writes are
// not audited must say so and bring its own `check` and a `proof` that the check can fail).
import { assertStatus } from './common.mjs';

// The audit log's total as the checker (a system admin) sees it.
export async function auditTotal(admin) {
  return assertStatus(await admin.get('/api/v1/audit?per_page=1'), 200, 'checker reads the audit total').json.total;
}

// The newest audit entries (for a failure message): what was written.
async function newest(admin, n) {
  if (n <= 0) return '';
  const items = assertStatus(await admin.get(`/api/v1/audit?per_page=${Math.min(n, 20)}`), 200).json.items;
  return items.map((e) => `${e.action} ${e.entity} ${e.entity_id} by ${e.actor_name || 'system'}`).join('; ');
}

export const isWrite = (method) => method !== 'GET' && method !== 'HEAD';

// `client` recording its writes into `log` as { method, path, status, before, after, wrote }.
export function watched(client, admin, log) {
  const w = Object.create(client);
  w.request = async (method, p, body, headers) => {
    if (!isWrite(method)) return client.request(method, p, body, headers);
    const before = await auditTotal(admin);
    const r = await client.request(method, p, body, headers);
    const after = await auditTotal(admin);
    log.push({ method, path: p, status: r.status, before, after, wrote: after > before ? await newest(admin, after - before) : '' });
    return r;
  };
  return w;
}

// Failure lines for the refused writes (status >= 400) of `log` that changed the audit total.
export function refusedWroteSomething(log, label) {
  return log.filter((w) => w.status >= 400 && w.after !== w.before)
    .map((w) => `${label}: refused ${w.method} ${w.path} (${w.status}) wrote ${w.after - w.before} audit entries: ${w.wrote}`);
}

// Whether an allowed write (status < 400) of `log` grew the audit total.
export function allowedWriteAudited(log) {
  return log.some((w) => w.status < 400 && w.after > w.before);
}

// For the other suites: runs `fn` (a refused write and its assertions) and checks that the audit log did
// not grow — every write of the server is audited, so a refused one that changed anything would show.
export async function writesNothing(admin, fn) {
  const before = await auditTotal(admin);
  const out = await fn();
  const after = await auditTotal(admin);
  if (after !== before) {
    throw new Error(`a refused write wrote ${after - before} audit entries: ${await newest(admin, after - before)}`);
  }
  return out;
}
