// The columns the two lists of failed deliveries share (FailedDeliveries: releases; FailedOutbox: bulletins,
// alerts, corrections): the channel and recipient, the agency (or the council), the cause in Persian (the
// channel's own answer on hover), when and after how many attempts, and «ارسال دوباره».
import type { ReactNode } from 'react';
import type { Column } from '../components/ListPage';
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
