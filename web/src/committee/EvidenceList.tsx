// Evidence on one follow-up entry (issue 13 §7): its files with download links and, for those who may write
// the decision's follow-up, an upload (a PDF or a photo, at most ۱۰ MB). The console only hides; the server
// decides (a refused upload shows its Persian message).
import { useState } from 'react';
import { faNumber } from '../fa';
import { FormErrors } from '../components/parts';
import { useFormError } from '../components/ui';
import { evidenceUrl, uploadEvidence, type Evidence } from './api';

const kb = (n: number) => `${faNumber(Math.max(1, Math.round(n / 1024)))} کیلوبایت`;

export function EvidenceList({ decisionId, followupId, items, canUpload, onUploaded }: {
  decisionId: number; followupId: number; items: Evidence[]; canUpload: boolean; onUploaded: () => void;
}) {
  const fe = useFormError(['file']);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      fe.setError(null);
      await uploadEvidence(decisionId, followupId, file);
      onUploaded();
    } catch (err) {
      fe.capture(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="mt-1" data-testid={`evidence-${followupId}`}>
      {items.length > 0 && (
        <ul className="list-unstyled small mb-1">
          {items.map((e) => (
            <li key={e.id}>
              <a href={evidenceUrl(decisionId, e.id)} download data-testid="evidence-link">📎 {e.filename}</a>{' '}
              <span className="text-secondary">({kb(e.bytes)})</span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <>
          <FormErrors fe={fe} />
          <label className="btn btn-sm btn-outline-secondary mb-0">
            {busy ? 'در حال بارگذاری…' : 'پیوست مدرک (PDF یا عکس)'}
            <input type="file" hidden accept="application/pdf,image/jpeg,image/png,image/webp" disabled={busy}
              onChange={(e) => upload(e.target.files?.[0])} data-testid="evidence-file" />
          </label>
        </>
      )}
    </div>
  );
}
