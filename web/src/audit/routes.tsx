// The audit log (system and council admins).
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const AuditPage = lazy(() => import('./AuditPage').then((m) => ({ default: m.AuditPage })));

export const auditFeature: Feature = {
  routes: [{ path: '/audit', allow: (s) => s.caps.canSeeAudit, render: () => <AuditPage /> }],
  nav: (s) => (s.caps.canSeeAudit ? [{ to: '/audit', label: 'گزارش رویدادها', icon: ICONS.audit, testId: 'nav-audit' }] : []),
};
