// A new agency (system and council admins).
import { useState } from 'react';
import { post } from '../api';
import { navigate } from '../router';
import { useSession } from '../session';
import type { Agency } from '../types';
import { PageHeader, useFormError } from '../components/ui';
import { BackLink, CardBox, FormErrors } from '../components/parts';
import { AgencyForm, FIELD_NAMES, clean, type AgencyFields } from './AgencyForm';

export function AgencyNewPage() {
  const s = useSession();
  const fe = useFormError(FIELD_NAMES);
  const [busy, setBusy] = useState(false);
  const councils = s.caps.isSystemAdmin ? s.councils : s.councils.filter((c) => s.caps.adminCouncils.includes(c.id));
  const defaultCouncil = councils.length === 1 ? councils[0].id : s.caps.adminCouncils[0] ?? '';
  const submit = async (f: AgencyFields) => {
    setBusy(true);
    fe.setError(null);
    try {
      const a = await post<Agency>('/agencies', { council_id: f.council_id === '' ? null : f.council_id, slug: f.slug.trim(), ...clean(f) });
      s.refreshRefs();
      navigate(`/agencies/${a.id}`, { replace: true });
    } catch (e) {
      fe.capture(e);
      setBusy(false);
    }
  };
  return (
    <div>
      <PageHeader title="دستگاه تازه">
        <BackLink to="/agencies" />
      </PageHeader>
      <CardBox>
        <FormErrors fe={fe} />
        <AgencyForm
          isNew
          busy={busy}
          fe={fe}
          councils={councils}
          onSubmit={submit}
          initial={{ council_id: defaultCouncil, slug: '', name: '', short_name: '', website: '', pr_email: '', pr_phone: '', disabled: false }}
        />
      </CardBox>
    </div>
  );
}
