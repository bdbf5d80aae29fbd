// A small modal dialog (Bootstrap's markup, React state; no Bootstrap JS).
import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

export function Dialog({
  title,
  children,
  onClose,
  footer,
  testId,
  size,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  footer: ReactNode;
  testId?: string;
  size?: 'lg';
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: the focus is in the dialog, and Escape closes it, from the moment it shows.
  useLayoutEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('textarea, input, select, button.btn-primary');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      prev?.focus?.();
    };
  }, [onClose]);
  return (
    <>
      <div className="modal d-block" role="dialog" aria-modal="true" aria-labelledby={id} data-testid={testId} ref={ref} onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
        <div className={`modal-dialog modal-dialog-centered ${size === 'lg' ? 'modal-lg' : ''}`}>
          <div className="modal-content">
            <div className="modal-header">
              <h2 className="modal-title h5" id={id}>
                {title}
              </h2>
              <button type="button" className="btn-close ms-0 me-auto" aria-label="بستن" onClick={onClose} />
            </div>
            <div className="modal-body">{children}</div>
            <div className="modal-footer">{footer}</div>
          </div>
        </div>
      </div>
      <div className="modal-backdrop show" />
    </>
  );
}
