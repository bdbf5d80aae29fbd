// The own checks of matrix rows whose writes are not audited (authz_matrix.mjs): a row count around the
// request, a loopback peer that counts the requests it gets, a notification's read time. Each has a
// `check` (refused: nothing changed) and a `proof` (allowed: it changed), so the check can fail.
import assert from 'node:assert/strict';
import { dbQuery } from '../harness.mjs';
import { assertStatus } from './common.mjs';
import { clients, countingPeer, peerHits, srv } from './authz_fixtures.mjs';

// For rows whose writes are not audited: `counting(sql, send)` records a count before the request;
// the check finds it unchanged after a refusal, the proof grown (or shrunk) after an allowed write.
export async function counting(sql, send) {
  const count = () => Number(dbQuery(srv.dataDir, sql).trim());
  const before = count();
  const r = await send();
  Object.assign(r, { count, countBefore: before });
  return r;
}
export async function sameCount(r) { assert.equal(r.count(), r.countBefore, 'a refused write changed the rows'); }
export async function grownCount(r) { assert.ok(r.count() > r.countBefore, 'an allowed write added a row'); }
export async function shrunkCount(r) { assert.ok(r.count() < r.countBefore, 'an allowed delete removed a row'); }
// The counting peer's hits before the request; refused: none since, allowed: some.
export async function viaPeer(send) {
  await countingPeer();
  const before = peerHits;
  const r = await send();
  r.peerBefore = before;
  return r;
}
export async function peerNotReached(r) { assert.equal(peerHits, r.peerBefore, 'a refused test reached the service'); }
export async function peerReached(r) { assert.ok(peerHits > r.peerBefore, 'an allowed test reached the service'); }
// When the tamin PR manager's notification of the row was read (null: unread).
export async function readAt(r) {
  const items = assertStatus(await clients.agency_pr_manager.get('/api/v1/notifications?per_page=100'), 200).json.items;
  const n = items.find((x) => x.id === r.notification.id);
  assert.ok(n, 'the notification is still there');
  return n.read_at;
}
