// The bots citizens write to: test connection, polling or webhook, welcome text, enable/disable, add.
import { useState } from 'react';
import { ApiError } from '../api';
import { ErrorAlert, Loading, PageHeader, StatusBadge, useLoad } from '../components/ui';
import { DataTable } from '../components/ListPage';
import { agencyName, useSession } from '../session';
import { listBots, testBot, updateBot, type Bot, type BotTest } from './api';
import { NewBot } from './NewBotForm';

export function BotsPage() {
  const s = useSession();
  const bots = useLoad(() => listBots(), []);
  const [tests, setTests] = useState<Record<number, BotTest | string>>({});
  const [error, setError] = useState<string | null>(null);
  const owner = (b: Bot) => (b.agency_id ? agencyName(s, b.agency_id) : 'شورا');
  const test = async (b: Bot) => {
    setTests((t) => ({ ...t, [b.id]: 'در حال آزمودن…' }));
    try {
      const r = await testBot(b.id);
      setTests((t) => ({ ...t, [b.id]: r }));
    } catch (e) {
      setTests((t) => ({ ...t, [b.id]: e instanceof ApiError ? e.message : 'آزمون انجام نشد.' }));
    }
  };
  const change = async (b: Bot, body: Record<string, unknown>) => {
    setError(null);
    try {
      await updateBot(b.id, { version: b.version, ...body });
      bots.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'انجام نشد.');
    }
  };
  const editWelcome = (b: Bot) => {
    const welcome = window.prompt('متن خوشامد ربات', b.welcome);
    if (welcome !== null) void change(b, { welcome });
  };

  return (
    <div data-testid="messenger-page">
      <PageHeader
        title="ربات‌های پیام‌رسان"
        sub="شهروندان در بله و تلگرام درخواست، شکایت یا پیشنهاد می‌فرستند، کد رهگیری می‌گیرند و پاسخ دستگاه را همان‌جا دریافت می‌کنند؛ درخواست‌ها در همان صندوق درخواست‌های مردمی می‌آیند."
      />
      <div className="row g-3">
        <div className="col-xl-8">
          <div className="card border-0 shadow-sm">
            <div className="card-body">
              {error && <div className="alert alert-danger py-1 small">{error}</div>}
              {bots.error ? (
                <ErrorAlert error={bots.error} onRetry={bots.reload} />
              ) : !bots.data ? (
                <Loading />
              ) : bots.data.length === 0 ? (
                <p className="text-secondary mb-0">هنوز رباتی تعریف نشده است.</p>
              ) : (
                <DataTable
                  bare
                  className="table table-sm align-middle mb-0"
                  headClassName=""
                  rows={bots.data}
                  rowKey={(b) => b.id}
                  rowProps={() => ({ 'data-testid': 'bot-row' })}
                  columns={[
                    { header: 'نام', cell: (b) => <BotName b={b} test={tests[b.id]} /> },
                    { header: 'پیام‌رسان', cell: (b) => b.kind_name },
                    { header: 'دستگاه', cell: owner },
                    { header: 'دریافت', cell: (b) => (b.mode === 'webhook' ? 'وب‌هوک' : 'دریافت دوره‌ای') },
                    { header: 'توکن', cellClassName: 'text-end', cellProps: () => ({ dir: 'ltr' }), cell: (b) => (b.token_set ? b.token_hint : '—') },
                    { header: 'وضعیت', cell: (b) => <StatusBadge disabled={!b.enabled} /> },
                    {
                      header: '',
                      cellClassName: 'text-nowrap',
                      cell: (b) => (
                        <>
                          <button type="button" className="btn btn-sm btn-outline-primary me-1" onClick={() => void test(b)} data-testid="bot-test">
                            آزمودن اتصال
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-secondary me-1" onClick={() => void change(b, { mode: b.mode === 'webhook' ? 'polling' : 'webhook' })}>
                            {b.mode === 'webhook' ? 'دریافت دوره‌ای' : 'وب‌هوک'}
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-secondary me-1" onClick={() => editWelcome(b)}>
                            متن خوشامد
                          </button>
                          <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => void change(b, { enabled: !b.enabled })}>
                            {b.enabled ? 'غیرفعال کردن' : 'فعال کردن'}
                          </button>
                        </>
                      ),
                    },
                  ]}
                />
              )}
            </div>
          </div>
        </div>
        <div className="col-xl-4">
          <NewBot onCreated={bots.reload} />
        </div>
      </div>
    </div>
  );
}

/** A bot's name, with the result of its last test under it. */
function BotName({ b, test: t }: { b: Bot; test?: BotTest | string }) {
  return (
    <>
      {b.name}
      {t && (
        <div className={`small ${typeof t === 'string' ? 'text-secondary' : t.ok ? 'text-success' : 'text-danger'}`} data-testid="bot-test-result">
          {typeof t === 'string' ? t : t.ok ? `اتصال برقرار است (@${t.username}).` : t.error_fa}
        </div>
      )}
    </>
  );
}
