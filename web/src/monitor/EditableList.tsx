// A table of rows with a delete button each and a form below to add a row:
// the shape shared by the watch terms and the alert rules.
import { useState, type ReactNode } from 'react';
import { Empty, ErrorAlert, Loading } from '../components/ui';

export interface EditableListProps<T extends { id: number }> {
  /** the rows as loaded (useLoad) */
  list: { data: { items: T[] } | null; error: unknown; loading: boolean; reload: () => void };
  /** column headings (the delete column is added) */
  columns: string[];
  cells: (row: T) => ReactNode[];
  remove: (row: T) => Promise<unknown>;
  /** adds the row described by the form; throws ApiError when the server refuses */
  create: () => Promise<unknown>;
  /** the heading above the form, e.g. «واژهٔ تازه» */
  newTitle: string;
  /** the form's inputs, each in its column */
  fields: ReactNode;
  /** the column class of the submit button */
  submitClass: string;
  testId: string;
  rowTestId: string;
  formTestId: string;
}

export function EditableList<T extends { id: number }>(p: EditableListProps<T>) {
  const { data, error, loading, reload } = p.list;
  const [formError, setFormError] = useState<unknown>(null);
  const remove = async (row: T) => {
    try {
      await p.remove(row);
      reload();
    } catch (e) {
      setFormError(e);
    }
  };
  const submit = async () => {
    setFormError(null);
    try {
      await p.create();
      reload();
    } catch (err) {
      setFormError(err);
    }
  };
  return (
    <>
      {error ? <ErrorAlert error={error} onRetry={reload} /> : loading || !data ? <Loading /> : data.items.length === 0 ? <Empty /> : (
        <table className="table table-sm align-middle" data-testid={p.testId}>
          <thead><tr>{p.columns.map((c) => <th key={c}>{c}</th>)}<th></th></tr></thead>
          <tbody>
            {data.items.map((row) => (
              <tr key={row.id} data-testid={p.rowTestId}>
                {p.cells(row).map((c, i) => <td key={i}>{c}</td>)}
                <td>
                  <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => void remove(row)}>حذف</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {formError ? <ErrorAlert error={formError} /> : null}
      <h2 className="h6 mt-4">{p.newTitle}</h2>
      <form className="row g-2" data-testid={p.formTestId} onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}>
        {p.fields}
        <div className={p.submitClass}><button className="btn btn-primary w-100">افزودن</button></div>
      </form>
    </>
  );
}
