// Distribution: the failed deliveries first, then the channels (test, enable/disable, add) and the press lists.
import { useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert, Loading, PageHeader, StatusBadge, useLoad } from '../components/ui';
import { DataTable } from '../components/ListPage';
import { agencyName, useSession } from '../session';
import { listChannels, listPressLists, testChannel, updateChannel, type Channel, type TestResult } from './api';
import { FailedDeliveries } from './FailedDeliveries';
import { FailedOutbox } from './FailedOutbox';
import { NewChannel } from './NewChannelForm';
import { PressLists } from './PressLists';

export function DistributionPage() {
  const s = useSession();
  const channels = useLoad(() => listChannels(), []);
  const lists = useLoad(() => listPressLists(), []);
  const [tests, setTests] = useState<Record<number, TestResult | string>>({});
  const [toggleError, setToggleError] = useState<string | null>(null);

  const owner = (ch: { agency_id: number | null }) => (ch.agency_id ? agencyName(s, ch.agency_id) : 'شورا');
  const test = async (ch: Channel) => {
    setTests((t) => ({ ...t, [ch.id]: 'در حال آزمودن…' }));
    try {
      const r = await testChannel(ch.id);
      setTests((t) => ({ ...t, [ch.id]: r }));
    } catch (e) {
      setTests((t) => ({ ...t, [ch.id]: e instanceof ApiError ? e.message : 'آزمون انجام نشد.' }));
    }
  };
  const toggle = async (ch: Channel) => {
    setToggleError(null);
    try {
      await updateChannel(ch.id, { version: ch.version, enabled: !ch.enabled });
      channels.reload();
    } catch (e) {
      setToggleError(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };

  return (
    <div data-testid="distribution-page">
      <PageHeader title="انتشار در کانال‌ها" sub="کانال‌های پیام‌رسان، رایانامهٔ خبرنگاران و وب‌هوک‌ها؛ هر خبر منتشرشده به همهٔ کانال‌های فعال دستگاه فرستاده می‌شود." />
      <FailedDeliveries />
      <FailedOutbox />
      <div className="row g-3">
        <div className="col-xl-7">
          <div className="card border-0 shadow-sm mb-3">
            <div className="card-body">
              <h2 className="h6">کانال‌ها</h2>
              {toggleError && <div className="alert alert-danger py-1 small">{toggleError}</div>}
              {channels.error ? (
                <ErrorAlert error={channels.error} onRetry={channels.reload} />
              ) : !channels.data ? (
                <Loading />
              ) : channels.data.length === 0 ? (
                <p className="text-secondary mb-0">هنوز کانالی تعریف نشده است.</p>
              ) : (
                <DataTable
                  bare
                  className="table table-sm align-middle mb-0"
                  headClassName=""
                  rows={channels.data}
                  rowKey={(ch) => ch.id}
                  rowProps={() => ({ 'data-testid': 'channel-row' })}
                  columns={[
                    { header: 'نام', cell: (ch) => <ChannelName ch={ch} test={tests[ch.id]} /> },
                    { header: 'نوع', cell: (ch) => ch.kind_name },
                    { header: 'دستگاه', cell: owner },
                    { header: 'رمز / توکن', cellClassName: 'text-end', cellProps: () => ({ dir: 'ltr' }), cell: (ch) => (ch.secret_set ? ch.secret_hint : '—') },
                    { header: 'وضعیت', cell: (ch) => <StatusBadge disabled={!ch.enabled} /> },
                    {
                      header: '',
                      cellClassName: 'text-nowrap',
                      cell: (ch) => (
                        <>
                          <button type="button" className="btn btn-sm btn-outline-primary me-1" onClick={() => void test(ch)} data-testid="channel-test">
                            آزمودن
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void toggle(ch)}>
                            {ch.enabled ? 'غیرفعال کردن' : 'فعال کردن'}
                          </button>
                        </>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          </div>
          <PressLists lists={lists.data} error={lists.error} reload={lists.reload} owner={owner} />
        </div>
        <div className="col-xl-5">
          <NewChannel lists={lists.data ?? []} onCreated={channels.reload} />
        </div>
      </div>
    </div>
  );
}

/** A channel's name, with the result of its last test under it. */
function ChannelName({ ch, test: t }: { ch: Channel; test?: TestResult | string }) {
  return (
    <>
      {ch.name}
      {t && (
        <div className={`small ${typeof t === 'string' ? 'text-secondary' : t.ok ? 'text-success' : 'text-danger'}`} data-testid="channel-test-result">
          {typeof t === 'string' ? t : t.ok ? 'پیام آزمایشی فرستاده شد.' : t.error_fa}
        </div>
      )}
    </>
  );
}
