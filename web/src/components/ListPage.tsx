// The shared list page: a search form with filters, the loading / error /
// empty states, a table of rows and the pager. Agencies, users, audit and
// distribution build their lists from these pieces; ListPage puts them
// together for a paged API list (Page<T>).
import { useState, type ReactNode, type TdHTMLAttributes } from 'react';
import type { Page } from '../types';
import { Empty, ErrorAlert, Loading, Pagination } from './ui';

/** What useLoad returns for a list. */
export interface Loaded<D> {
  data: D | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** The text typed in the search box, the query applied, and the page; a new query or filter goes back to page 1. */
export function useListQuery() {
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  return {
    q,
    setQ,
    query,
    page,
    setPage,
    /** applies the search box */
    submit: () => {
      setPage(1);
      setQuery(q.trim());
    },
    /** changes a filter: back to page 1 */
    filter: (change: () => void) => {
      setPage(1);
      change();
    },
  };
}

export interface SearchProps {
  id: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
  onSubmit: () => void;
}

/** The search box, the filters beside it (children) and the search button. */
export function SearchForm({ id, placeholder, value, onChange, onSubmit, children }: SearchProps & { children?: ReactNode }) {
  return (
    <form
      className="row g-2 align-items-end mb-3"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <div className="col-sm-6 col-lg-4">
        <label htmlFor={id} className="form-label small">
          جست‌وجو
        </label>
        <input id={id} type="search" className="form-control" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} />
      </div>
      {children}
      <div className="col-auto">
        <button type="submit" className="btn btn-outline-primary">
          جست‌وجو
        </button>
      </div>
    </form>
  );
}

/** A labelled filter select beside the search box; allLabel adds the empty «all» choice. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  allLabel,
  options,
}: {
  id: string;
  label: string;
  value: number | '';
  onChange: (v: number | '') => void;
  allLabel?: string;
  options: { id: number; name: string }[];
}) {
  return (
    <div className="col-sm-6 col-lg-4">
      <label htmlFor={id} className="form-label small">
        {label}
      </label>
      <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : '')}>
        {allLabel && <option value="">{allLabel}</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** class of the header and body cells (e.g. responsive hiding) */
  className?: string;
  /** class of the body cells only (defaults to className) */
  cellClassName?: string;
  /** more attributes of a body cell (title, dir) */
  cellProps?: (row: T) => TdHTMLAttributes<HTMLTableCellElement>;
}

/** A table of rows; in a card unless bare. */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  testId,
  className = 'table table-hover align-middle mb-0',
  headClassName = 'table-light',
  bare = false,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => Record<string, string | undefined>;
  testId?: string;
  className?: string;
  headClassName?: string;
  bare?: boolean;
}) {
  const table = (
    <div className="table-responsive">
      <table className={className} data-testid={testId}>
        <thead className={headClassName || undefined}>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.className}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((c, i) => (
                <td key={i} className={c.cellClassName ?? c.className} {...c.cellProps?.(row)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return bare ? table : <div className="card shadow-sm border-0">{table}</div>;
}

/** Loading, then the error, the empty state, or the items (and the pager when onPage is given). */
export function ListBody<T>({
  list,
  empty,
  page = 1,
  perPage = 20,
  onPage,
  children,
}: {
  list: Loaded<{ items: T[]; page?: number; per_page?: number; total?: number }>;
  empty: ReactNode;
  page?: number;
  perPage?: number;
  onPage?: (p: number) => void;
  children: (items: T[]) => ReactNode;
}) {
  const { data, error, loading, reload } = list;
  if (loading) return <Loading />;
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data || data.items.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      {children(data.items)}
      {onPage && <Pagination page={data.page || page} perPage={data.per_page || perPage} total={data.total ?? data.items.length} onPage={onPage} />}
    </>
  );
}

/** A paged list page below its header: search form and filters (or a filter form of its own), then the table and the pager. */
export function ListPage<T>({
  search,
  filters,
  filterForm,
  list,
  page,
  perPage,
  onPage,
  empty,
  ...table
}: {
  search?: SearchProps;
  filters?: ReactNode;
  filterForm?: ReactNode;
  list: Loaded<Page<T>>;
  page: number;
  perPage: number;
  onPage: (p: number) => void;
  empty: ReactNode;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  rowProps?: (row: T) => Record<string, string | undefined>;
  testId?: string;
  className?: string;
}) {
  return (
    <>
      {search && <SearchForm {...search}>{filters}</SearchForm>}
      {filterForm}
      <ListBody list={list} empty={empty} page={page} perPage={perPage} onPage={onPage}>
        {(rows) => <DataTable rows={rows} {...table} />}
      </ListBody>
    </>
  );
}
