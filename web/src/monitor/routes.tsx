// Media monitoring: the feed, an item, a release's coverage, sources, charts,
// watch terms and alert rules.
import { lazy } from 'react';
import { ICONS } from '../components/Icon';
import type { Feature } from '../routes';
import type { Session } from '../session';

// Each page is its own chunk, loaded when its route is first opened (Shell wraps routes in Suspense).
const MonitorFeedPage = lazy(() => import('./FeedPage').then((m) => ({ default: m.MonitorFeedPage })));
const MonitorItemPage = lazy(() => import('./ItemPage').then((m) => ({ default: m.MonitorItemPage })));
const CoveragePage = lazy(() => import('./CoveragePage').then((m) => ({ default: m.CoveragePage })));
const SourcesPage = lazy(() => import('./SourcesPage').then((m) => ({ default: m.SourcesPage })));
const MonitorChartsPage = lazy(() => import('./ChartsPage').then((m) => ({ default: m.MonitorChartsPage })));
const WatchTermsPage = lazy(() => import('./WatchTermsPage').then((m) => ({ default: m.WatchTermsPage })));
const AlertRulesPage = lazy(() => import('./AlertRulesPage').then((m) => ({ default: m.AlertRulesPage })));

const councilRoles = (s: Session) => s.caps.canSeeCouncils;

export const monitorFeature: Feature = {
  routes: [
    { path: '/monitor', render: () => <MonitorFeedPage key={window.location.search} /> },
    { path: '/monitor/sources', allow: councilRoles, render: () => <SourcesPage /> },
    { path: '/monitor/charts', allow: councilRoles, render: () => <MonitorChartsPage /> },
    { path: '/monitor/watch-terms', render: () => <WatchTermsPage /> },
    { path: '/monitor/alert-rules', allow: councilRoles, render: () => <AlertRulesPage /> },
    { path: '/monitor/items/:id', render: ({ id }) => <MonitorItemPage key={id} id={Number(id)} /> },
    { path: '/monitor/releases/:id', allow: (s) => s.caps.canSeeNewsroom, render: ({ id }) => <CoveragePage key={id} id={Number(id)} /> },
  ],
  nav: () => [{ to: '/monitor', label: 'پایش رسانه', icon: ICONS.monitor, testId: 'nav-monitor' }],
};
