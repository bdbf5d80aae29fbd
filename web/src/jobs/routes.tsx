// The durable job queue (system admins): what waits, what runs, what failed and why.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const JobsPage = lazy(() => import('./JobsPage').then((m) => ({ default: m.JobsPage })));

export const jobsFeature: Feature = {
  routes: [{ path: '/jobs', allow: (s) => s.caps.isSystemAdmin, render: () => <JobsPage /> }],
  nav: (s) => (s.caps.isSystemAdmin ? [{ to: '/jobs', label: 'کارهای پس‌زمینه', icon: ICONS.queue, testId: 'nav-jobs' }] : []),
};
