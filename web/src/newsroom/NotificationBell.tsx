// The top bar's bell: unread count, a short list, mark read, follow the link.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';
import { faDateTime, faNumber } from '../fa';
import { navigate, BASE } from '../router';
import { listNotifications, markNotificationRead } from './api';
import type { Notification } from './types';

const POLL_MS = 30_000;

function appPath(link: string): string | null {
  if (!link) return null;
  let p: string;
  try {
    const u = new URL(link, window.location.origin);
    if (u.origin !== window.location.origin) return null;
    p = u.pathname + u.search;
  } catch {
    return null;
  }
  if (p.startsWith(BASE)) p = p.slice(BASE.length) || '/';
  if (p.startsWith('/releases/')) p = '/newsroom/' + p.slice('/releases/'.length);
  return p;
}

export function NotificationBell() {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [unavailable, setUnavailable] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  const load = useCallback(() => {
    listNotifications({ per_page: 15 }).then(
      (r) => {
        setItems(r.items ?? []);
        setUnread(r.unread ?? (r.items ?? []).filter((n) => !n.read_at).length);
        setUnavailable(false);
      },
      (e) => {
        if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setUnavailable(true);
      },
    );
  }, []);

  useEffect(() => {
    void load();
    const t = window.setInterval(() => document.visibilityState === 'visible' && void load(), POLL_MS);
    const onFocus = () => void load();
    window.addEventListener('focus', onFocus);
    window.addEventListener('pol:navigate', onFocus);
    return () => {
      window.clearInterval(t);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('pol:navigate', onFocus);
    };
  }, [load]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => rootRef.current && !rootRef.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (unavailable) return null;

  const markRead = async (n: Notification) => {
    if (n.read_at) return;
    setItems((xs) => xs.map((x) => (x.id === n.id ? { ...x, read_at: Date.now() } : x)));
    setUnread((u) => Math.max(0, u - 1));
    try {
      await markNotificationRead(n.id);
    } catch {
      void load();
    }
  };
  const openOne = async (n: Notification) => {
    await markRead(n);
    setOpen(false);
    const p = appPath(n.link);
    if (p) navigate(p);
  };

  return (
    <div className="position-relative" ref={rootRef}>
      <button
        type="button"
        className="btn btn-sm btn-outline-light position-relative"
        aria-label={unread ? `اعلان‌ها: ${faNumber(unread)} خوانده‌نشده` : 'اعلان‌ها'}
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => {
          setOpen((o) => !o);
          if (!open) void load();
        }}
        data-testid="bell"
      >
        <svg width="18" height="18" viewBox="0 0 16 16" fill="currentColor" aria-hidden="true">
          <path d="M8 16a2 2 0 0 0 2-2H6a2 2 0 0 0 2 2zm.995-14.901a1 1 0 1 0-1.99 0A5.002 5.002 0 0 0 3 6c0 1.098-.5 6-2 7h14c-1.5-1-2-5.902-2-7 0-2.42-1.72-4.44-4.005-4.901z" />
        </svg>
        {unread > 0 && (
          <span className="position-absolute top-0 start-0 translate-middle badge rounded-pill bg-danger" data-testid="bell-count">
            {faNumber(unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="notif-pop card shadow text-body" role="region" aria-label="اعلان‌ها" data-testid="notifications">
          <div className="card-header d-flex justify-content-between align-items-center py-2">
            <span className="fw-semibold">اعلان‌ها</span>
            {unread > 0 && (
              <button type="button" className="btn btn-sm btn-link p-0" onClick={() => items.filter((n) => !n.read_at).forEach((n) => void markRead(n))} data-testid="notif-read-all">
                خواندن همه
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <div className="p-3 text-secondary small text-center">اعلانی ندارید.</div>
          ) : (
            <ul className="list-group list-group-flush notif-list">
              {items.map((n) => (
                <li key={n.id} className={`list-group-item ${n.read_at ? '' : 'notif-unread'}`} data-testid="notification" data-read={!!n.read_at}>
                  <button type="button" className="btn btn-link p-0 text-start text-body text-decoration-none w-100" onClick={() => void openOne(n)}>
                    <div className="fw-semibold small">{n.title}</div>
                    {n.body && <div className="small text-secondary notif-body">{n.body}</div>}
                    <div className="small text-secondary">{faDateTime(n.created_at)}</div>
                  </button>
                  {!n.read_at && (
                    <button type="button" className="btn btn-sm btn-link p-0 small" onClick={() => void markRead(n)} data-testid="notif-mark-read">
                      خوانده شد
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
