// What the two lists of failed deliveries share (FailedDeliveries: releases; FailedOutbox: bulletins,
// alerts, corrections): the columns — the channel and recipient, the agency (or the council), the cause in
// Persian (the channel's own answer on hover), when and after how many attempts, and «ارسال دوباره» —, the
// retry with its notice, and the list's body (error, loading, empty, table and pages).
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { DataTable, type Column } from '../components/ListPage';
import { ErrorAlert, Loading, Pagination } from '../components/ui';
import { faDateTime, faNumber } from '../fa';
import { agencyName, type Session } from '../session';

export const CHANNEL_KIND: Record<string, string> = { telegram: 'تلگرام', bale: 'بله', eitaa: 'ایتا', email: 'رایانامه', webhook: 'وب‌هوک' };

interface Failed {
  channel_name: string;
  channel_kind: string;
  recipient?: string | null;
  agency_id?: number | null;
  error_fa?: string | null;
  error_detail?: string | null;
  updated_at: number;
  attempts: number;
  retryable: boolean;
}

/** `testid` names the cause and retry cells (`${testid}-cause`, `${testid}-retry`); `busy` says whose retry runs. */
export function failedColumns<T extends Failed>(s: Session, testid: string, retry: {
  busy: (d: T) => boolean;
  run: (d: T) => void;
  otherwise?: (d: T) => ReactNode;
}): Column<T>[] {
  return [
    {
      header: 'کانال',
      cell: (d) => (
        <>
          {d.channel_name}
          <div className="small text-secondary">
            {CHANNEL_KIND[d.channel_kind] ?? d.channel_kind}
            {d.recipient && <> · <bdi>{d.recipient}</bdi></>}
          </div>
        </>
      ),
    },
    { header: 'دستگاه', cell: (d) => (d.agency_id ? agencyName(s, d.agency_id) : 'شورا') },
    {
      header: 'علت',
      cell: (d) => (
        <span className="text-danger small" title={d.error_detail || undefined} data-testid={`${testid}-cause`}>
          {d.error_fa || 'علت ثبت نشده است.'}
        </span>
      ),
    },
    { header: 'زمان', cellClassName: 'small text-nowrap', cell: (d) => <>{faDateTime(d.updated_at)}<div className="text-secondary">{faNumber(d.attempts)} تلاش</div></> },
    {
      header: '',
      cellClassName: 'text-nowrap',
      cell: (d) =>
        d.retryable ? (
          <button type="button" className="btn btn-sm btn-outline-primary" disabled={retry.busy(d)} onClick={() => retry.run(d)} data-testid={`${testid}-retry`}>
            ارسال دوباره
          </button>
        ) : (retry.otherwise?.(d) ?? null),
    },
  ];
}

export interface RetryNotice {
  ok: boolean;
  text: string;
}

/** «ارسال دوباره»: `send` queues one row again; on success the notice says `queued(d)` and the list reloads,
 * on failure it shows the API's Persian message. `key` tells rows apart (whose retry runs). */
export function useRetry<T>(key: (d: T) => string, send: (d: T) => Promise<unknown>, queued: (d: T) => string, reload: () => void) {
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<RetryNotice | null>(null);
  const run = async (d: T) => {
    setBusy(key(d));
    setNotice(null);
    try {
      await send(d);
      setNotice({ ok: true, text: queued(d) });
      reload();
    } catch (e) {
      setNotice({ ok: false, text: e instanceof ApiError ? e.message : 'انجام نشد.' });
    } finally {
      setBusy(null);
    }
  };
  return { notice, busy: (d: T) => busy === key(d), run: (d: T) => void run(d) };
}

export function RetryNoticeAlert({ notice, testid }: { notice: RetryNotice | null; testid: string }) {
  if (!notice) return null;
  return (
    <div className={`alert ${notice.ok ? 'alert-success' : 'alert-danger'} py-1 small`} role={notice.ok ? 'status' : 'alert'} data-testid={testid}>
      {notice.text}
    </div>
  );
}

/** The list's body: the load's error (with a retry), loading, the empty text, or the table and its pages. */
export function FailedTable<T>({
  list,
  empty,
  testid,
  columns,
  rowKey,
  rowProps,
  page,
  perPage,
  onPage,
}: {
  list: { data: { items: T[]; total: number } | null; error: unknown; reload: () => void };
  empty: string;
  testid: string;
  columns: Column<T>[];
  rowKey: (d: T) => string | number;
  rowProps: (d: T) => Record<string, string | undefined>;
  page: number;
  perPage: number;
  onPage: (page: number) => void;
}) {
  if (list.error) return <ErrorAlert error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.items.length === 0)
    return (
      <p className="text-secondary mb-0" data-testid={`${testid}-empty`}>
        {empty}
      </p>
    );
  return (
    <>
      <DataTable bare className="table table-sm align-middle mb-0" headClassName="" rows={list.data.items} rowKey={rowKey} rowProps={rowProps} columns={columns} />
      <Pagination page={page} perPage={perPage} total={list.data.total} onPage={onPage} />
    </>
  );
}
