// The screens people open first — the dashboard, the newsroom's list, the citizens' inbox — are chunks of
// their own like every page, but their download starts as soon as the signed-in user is known, beside the
// shell's, instead of after it (the routes lazy-load the same modules, so nothing is fetched twice). On a
// phone on a slow network that is one round trip and one chunk less before the screen shows.
export const loadDashboard = () => import('./home/Dashboard');
export const loadReleasesPage = () => import('./newsroom/ReleasesPage');
export const loadInboxPage = () => import('./citizen/InboxPage');

const FIRST: [string, () => Promise<unknown>][] = [
  ['/', loadDashboard],
  ['/newsroom', loadReleasesPage],
  ['/citizen', loadInboxPage],
];

/** Starts the download of the chunk of the app path, if it is one of the first screens. */
export function preloadFirstScreen(path: string) {
  void FIRST.find(([p]) => p === path)?.[1]().catch(() => undefined);
}
