// The newsroom's list of releases: one agency's (editors and managers) or every
// agency's pipeline (council roles), with filters by status, Jalali date range,
// tag and full-text search (highlighted snippets from the API).
import { useEffect, useState } from 'react';
import { Empty, ErrorAlert, Link, Loading, PageHeader, Pagination, useLoad } from '../components/ui';
import { JalaliDatePicker } from '../components/JalaliDatePicker';
import { faDateShort, faDateTime, isoOf, jEndMs, jStartMs, toPersianDigits, type JDate } from '../fa';
import { navigate } from '../router';
import { agencyName, useSession } from '../session';
import { listReleases } from './api';
import { STATUSES, STATUS_LABELS, URGENCY_LABELS } from './labels';
import { CouncilLevelBadge, ReleaseStatusBadge, Snippet } from './parts';
import { zwnjKeyDown } from './zwnj';

const PER_PAGE = 20;

function useQueryParam(name: string): string {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}

export function ReleasesPage() {
  const s = useSession();
  const c = s.caps;
  const agencyParam = Number(useQueryParam('agency')) || 0;
  const myAgencies = c.writeAgencies;
  const canPickAny = c.canSeeAllReleases;
  const agencyChoices = canPickAny ? s.agencies.filter((a) => !a.disabled) : s.agencies.filter((a) => myAgencies.includes(a.id));
  const [agency, setAgency] = useState<number>(agencyParam || (canPickAny ? 0 : myAgencies[0] ?? 0));
  const [status, setStatus] = useState(useQueryParam('status'));
  const [from, setFrom] = useState<JDate | null>(null);
  const [to, setTo] = useState<JDate | null>(null);
  const [tag, setTag] = useState(useQueryParam('tag'));
  const [qInput, setQInput] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);

  // Search as the user types, after a short pause.
  useEffect(() => {
    const t = setTimeout(() => {
      setQ(qInput.trim());
      setPage(1);
    }, 350);
    return () => clearTimeout(t);
  }, [qInput]);

  const query = {
    agency_id: agency || undefined,
    status: status || undefined,
    tag: tag.trim() || undefined,
    q: q || undefined,
    from: from ? jStartMs(from) : undefined,
    to: to ? jEndMs(to) + 1 : undefined,
    page,
    per_page: PER_PAGE,
  };
  const { data, error, loading, reload } = useLoad((signal) => listReleases(query, signal), [JSON.stringify(query)]);

  const writeAgency = agency && c.canWriteRelease(agency) ? agency : myAgencies.length === 1 ? myAgencies[0] : 0;
  const title = agency ? `اخبار ${agencyName(s, agency)}` : 'اخبار همهٔ دستگاه‌ها';
  const reset = (f: () => void) => {
    f();
    setPage(1);
  };

  return (
    <div data-testid="releases-page">
      <PageHeader title={title} sub="تحریریه: نوشتن، تأیید، زمان‌بندی و انتشار خبرها">
        {writeAgency > 0 && (
          <button type="button" className="btn btn-primary" data-testid="release-new" onClick={() => navigate(`/newsroom/new?agency=${writeAgency}`)}>
            + خبر تازه
          </button>
        )}
      </PageHeader>

      <form className="card border-0 shadow-sm mb-3" role="search" aria-label="جست‌وجو و پالایش خبرها" onSubmit={(e) => e.preventDefault()}>
        <div className="card-body row g-3 align-items-end">
          <div className="col-12 col-lg-4">
            <label htmlFor="rel-q" className="form-label">
              جست‌وجو در متن خبرها
            </label>
            <input
              id="rel-q"
              type="search"
              className="form-control"
              placeholder="مثلاً: بیمهٔ تأمین اجتماعی"
              value={qInput}
              onChange={(e) => setQInput(e.target.value)}
              onKeyDown={zwnjKeyDown}
              data-testid="release-search"
            />
          </div>
          {agencyChoices.length > 1 && (
            <div className="col-6 col-lg-2">
              <label htmlFor="rel-agency" className="form-label">
                دستگاه
              </label>
              <select id="rel-agency" className="form-select" value={agency} onChange={(e) => reset(() => setAgency(Number(e.target.value)))} data-testid="release-agency-filter">
                {canPickAny && <option value={0}>همهٔ دستگاه‌ها</option>}
                {agencyChoices.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.short_name || a.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="col-6 col-lg-2">
            <label htmlFor="rel-status" className="form-label">
              وضعیت
            </label>
            <select id="rel-status" className="form-select" value={status} onChange={(e) => reset(() => setStatus(e.target.value))} data-testid="release-status-filter">
              <option value="">همه</option>
              {STATUSES.map((st) => (
                <option key={st} value={st}>
                  {STATUS_LABELS[st]}
                </option>
              ))}
            </select>
          </div>
          <div className="col-6 col-lg-2">
            <label htmlFor="rel-tag" className="form-label">
              برچسب
            </label>
            <input id="rel-tag" className="form-control" value={tag} onChange={(e) => reset(() => setTag(e.target.value))} onKeyDown={zwnjKeyDown} data-testid="release-tag-filter" />
          </div>
          <div className="col-6 col-lg-2">
            <JalaliDatePicker label="از تاریخ" value={from} onChange={(d) => reset(() => setFrom(d))} max={to} testId="release-from" />
          </div>
          <div className="col-6 col-lg-2">
            <JalaliDatePicker label="تا تاریخ" value={to} onChange={(d) => reset(() => setTo(d))} min={from} testId="release-to" />
          </div>
        </div>
      </form>

      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <Loading />
      ) : !data || data.items.length === 0 ? (
        <Empty>{q || status || tag || from || to ? 'خبری با این شرایط پیدا نشد.' : 'هنوز خبری نوشته نشده است.'}</Empty>
      ) : (
        <div className="card border-0 shadow-sm">
          <div className="table-responsive">
            <table className="table table-hover align-middle mb-0" data-testid="releases-table">
              <thead>
                <tr>
                  <th scope="col">خبر</th>
                  {!agency && <th scope="col">دستگاه</th>}
                  <th scope="col">وضعیت</th>
                  <th scope="col">انتشار</th>
                  <th scope="col">آخرین تغییر</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-testid="release-row" data-id={r.id}>
                    <td className="release-cell">
                      {r.over_title && <div className="small text-secondary">{r.over_title}</div>}
                      <Link to={`/newsroom/${r.id}`} className="fw-semibold text-decoration-none">
                        {r.title || 'بی‌تیتر'}
                      </Link>
                      <div className="d-flex flex-wrap gap-1 mt-1">
                        {r.council_level && <CouncilLevelBadge />}
                        {r.urgency && r.urgency !== 'normal' && <span className="badge rounded-pill text-bg-danger">{URGENCY_LABELS[r.urgency] ?? r.urgency}</span>}
                        {(r.tags ?? []).map((t) => (
                          <button key={t} type="button" className="badge rounded-pill text-bg-light border btn-tag" onClick={() => reset(() => setTag(t))}>
                            #{t}
                          </button>
                        ))}
                      </div>
                      {r.snippet && (
                        <div className="small mt-1 text-body-secondary">
                          <Snippet text={r.snippet} />
                        </div>
                      )}
                    </td>
                    {!agency && <td className="cell-name">{agencyName(s, r.agency_id)}</td>}
                    <td>
                      <ReleaseStatusBadge status={r.status} />
                    </td>
                    <td className="small text-nowrap">
                      {r.published_at ? (
                        <time dateTime={isoOf(r.published_at)}>{faDateTime(r.published_at)}</time>
                      ) : r.publish_at ? (
                        <time dateTime={isoOf(r.publish_at)} className="text-secondary">
                          {faDateTime(r.publish_at)}
                        </time>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td className="small text-nowrap">
                      <time dateTime={isoOf(r.updated_at)}>{faDateShort(r.updated_at)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card-body py-2">
            <Pagination page={page} perPage={PER_PAGE} total={data.total ?? data.items.length} onPage={setPage} />
          </div>
        </div>
      )}
      {loading && data && <div className="visually-hidden" role="status">در حال بارگذاری…</div>}
      <div className="small text-secondary mt-2">
        {data && q
          ? data.total_capped
            ? `بیش از ${toPersianDigits(data.total)} نتیجه برای «${q}» — تازه‌ترین‌ها نخست`
            : `${toPersianDigits(data.total ?? data.items.length)} نتیجه برای «${q}»`
          : null}
      </div>
    </div>
  );
}
