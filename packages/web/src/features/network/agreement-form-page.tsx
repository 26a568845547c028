import { useNavigate, useParams } from 'react-router-dom';
import type { AgreementInputRaw } from '@continuum/contracts';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { hasRole, useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { useNetworkApi } from './api-context.tsx';
import { AgreementForm } from './agreement-form.tsx';
import { NetworkNav } from './network-nav.tsx';
import { agreementToInput, todayIso } from './network-format.ts';

const blank = (): AgreementInputRaw => ({
  kind: 'mou',
  title: '',
  status: 'active',
  parties: [
    { organizationId: '', role: 'party' },
    { organizationId: '', role: 'party' },
  ],
  signatories: [],
  champions: [],
  dataKinds: [],
  purposes: [],
  scopeNote: null,
  effectiveOn: todayIso(),
  endsOn: null,
  pathwayIds: [],
  documentRef: null,
  notes: null,
});

function ManagersOnly({ children }: { children: React.ReactNode }) {
  const session = useSession();
  if (!hasRole(session, 'network_admin')) return <Alert tone="error">Only network administrators register and change agreements.</Alert>;
  return <>{children}</>;
}

export function AgreementNewPage() {
  const api = useNetworkApi();
  const navigate = useNavigate();
  return (
    <ManagersOnly>
      <PageHeading eyebrow="Agreements" title="Register an agreement" />
      <NetworkNav />
      <AgreementForm
        initial={blank()}
        submitLabel="Register agreement"
        onSubmit={(body) => api.createAgreement(body)}
        onSaved={(a) => navigate(`/network/agreements/${a.id}`)}
      />
    </ManagersOnly>
  );
}

export function AgreementEditPage() {
  const { agreementId = '' } = useParams();
  const api = useNetworkApi();
  const navigate = useNavigate();
  const { data, error } = useApiData(() => api.getAgreement(agreementId), [agreementId]);
  return (
    <ManagersOnly>
      <PageHeading eyebrow="Agreements" title={data ? `Edit: ${data.title}` : 'Edit agreement'} />
      <NetworkNav />
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      {data ? (
        <AgreementForm
          initial={agreementToInput(data)}
          submitLabel="Save changes"
          onSubmit={(body) => api.updateAgreement(agreementId, body)}
          onSaved={(a) => navigate(`/network/agreements/${a.id}`)}
        />
      ) : null}
    </ManagersOnly>
  );
}
