// The sidebar's icons (16×16 SVG paths) and the component that draws one.

export const ICONS = {
  monitor: 'M1 3h14v9H1zm1 1v7h12V4zM5 14h6v1H5zm2-2h2v2H7zM3 9l3-3 2 2 3-3 2 2v1l-2-2-3 3-2-2-3 3z',
  news: 'M1 2.5h11V13a1.5 1.5 0 0 0 1.5 1.5H2.5A1.5 1.5 0 0 1 1 13zM13 5h2v8a1 1 0 0 1-2 0zM3 4.5v3h4v-3zm5 0V5.5h2.5v-1zm0 2V7.5h2.5v-1zM3 9h7.5v1H3zm0 2h7.5v1H3z',
  queue: 'M2 2h12v2H2zm0 4h12v2H2zm0 4h8v2H2zm10 .5 3 1.5-3 1.5z',
  calendar: 'M4 .5a.5.5 0 0 1 1 0V1h6V.5a.5.5 0 0 1 1 0V1h1a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2h1zM2 5v9a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V5zm2 2h2v2H4zm3 0h2v2H7zm3 0h2v2h-2zM4 10h2v2H4zm3 0h2v2H7z',
  send: 'M15.5.5 0 7l5 2 1.5 5.5 2.5-3.5 4 3zM5.5 8.5l8-6-6.5 7.5-.5 3z',
  home: 'M8 1.5 1 7.5V15h5v-4h4v4h5V7.5z',
  council: 'M8 1 1 4.5V6h14V4.5zM2 7h2v6H2zm4 0h2v6H6zm4 0h2v6h-2zm3 0h1v6h-1zM1 14h14v1.5H1z',
  agency: 'M2 15V2.5L9 1v14zm8 0V5l4 1.5V15zM4 4h1.5v1.5H4zm2.5 0H8v1.5H6.5zM4 7h1.5v1.5H4zm2.5 0H8v1.5H6.5zM4 10h1.5v1.5H4zm2.5 0H8v1.5H6.5z',
  users: 'M5.5 7.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM0 14c0-3 2.5-5 5.5-5s5.5 2 5.5 5v1H0zm11.5-6.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM12 9c2.3.2 4 1.9 4 4.5V15h-4v-1.5c0-1.7-.6-3.2-1.6-4.2.5-.2 1-.3 1.6-.3z',
  audit: 'M3 1h7l3 3v11H3zm6 .5V5h3.5M5 7h6v1H5zm0 2.5h6v1H5zM5 12h4v1H5z',
  citizen: 'M2 2h12a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H6l-3.5 3V12H2a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm2 3v1h8V5zm0 3v1h5V8z',
  key: 'M10.5 1a4.5 4.5 0 0 0-4.3 5.8L1 12v3h3v-1.5h1.5V12H7l1.2-1.2A4.5 4.5 0 1 0 10.5 1zm1 2.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z',
};

export function Icon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor" className="flex-shrink-0">
      <path d={d} fillRule="evenodd" />
    </svg>
  );
}
