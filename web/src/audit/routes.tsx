// The audit log (system and council admins).
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import { AuditPage } from './AuditPage';

export const auditFeature: Feature = {
  routes: [{ path: '/audit', allow: (s) => s.caps.canSeeAudit, render: () => <AuditPage /> }],
  nav: (s) => (s.caps.canSeeAudit ? [{ to: '/audit', label: 'گزارش رویدادها', icon: ICONS.audit, testId: 'nav-audit' }] : []),
};
