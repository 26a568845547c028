import { taxonomyCodes, type TaxonomyCode } from '@continuum/contracts';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { useSession } from '../../app/session-provider.tsx';
import { Alert } from '../../ui/alert.tsx';
import { Button } from '../../ui/button.tsx';
import { PageHeading } from '../../ui/page-heading.tsx';
import { personName } from '../../ui/person-format.ts';
import { ConsentNeededNotice } from './consent-needed-notice.tsx';
import { ReferralForm, type ReferralSubmission } from './referral-form.tsx';
import { SuggestionCard, SuggestionFilterForm, type SuggestionFilters } from './referral-suggestions.tsx';
import { useReferralsApi } from './api-context.tsx';

/** Where consent capture starts, prefilled with the recipient and purpose, returning here afterwards. */
export function consentCapturePath(personId: string, organizationId: string, organizationName: string, returnTo: string): string {
  const query = new URLSearchParams({
    recipient: organizationId,
    recipientName: organizationName,
    purpose: 'treatment',
    kinds: 'referrals',
    returnTo,
  });
  return `/people/${encodeURIComponent(personId)}/consents/new?${query.toString()}`;
}

/**
 * The referral composer, in two steps: (1) choose a service from suggestions ranked by pathway fit,
 * capacity, distance, eligibility and payment; (2) what the pathway requires, then send. A referral
 * shares the person's information, so without a consent that covers the receiver the composer
 * explains why and leads to consent capture; nothing is sent without it.
 */
export function ReferralComposerPage() {
  const [params, setParams] = useSearchParams();
  const personId = params.get('personId') ?? '';
  const chosenPathway = params.get('pathwayId');
  const chosenService = params.get('serviceId');
  const client = useApi();
  const api = useReferralsApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // Filters live in the address (the person's page may preset `codes=BU`), so coming back from
  // consent capture finds the same suggestions.
  const filters: SuggestionFilters = {
    codes: (params.get('codes') ?? '')
      .split(',')
      .filter((code): code is TaxonomyCode => (taxonomyCodes as readonly string[]).includes(code)),
    payment: params.get('payment') ?? '',
  };
  function setFilters(next: SuggestionFilters) {
    const updated = new URLSearchParams(params);
    if (next.codes.length > 0) updated.set('codes', next.codes.join(','));
    else updated.delete('codes');
    if (next.payment) updated.set('payment', next.payment);
    else updated.delete('payment');
    setParams(updated, { replace: true });
  }
  const [generation, setGeneration] = useState(0);
  const person = useApiData(() => (personId ? client.getPerson(personId) : Promise.resolve(null)), [personId]);
  const suggestions = useApiData(
    () =>
      personId
        ? api.suggest({
            personId,
            ...(filters.codes.length ? { codes: filters.codes.join(',') } : {}),
            ...(filters.payment ? { payment: filters.payment } : {}),
            limit: 20,
          })
        : Promise.resolve([]),
    [personId, filters.codes.join(','), filters.payment, generation],
  );
  const chosen = suggestions.data?.find((s) => s.pathwayId === chosenPathway && s.serviceId === chosenService) ?? null;
  const pathway = useApiData(() => (chosenPathway ? api.getPathway(chosenPathway) : Promise.resolve(null)), [chosenPathway]);
  const here = `${location.pathname}${location.search}`;

  if (!personId) {
    return (
      <>
        <PageHeading title="New referral" />
        <Alert tone="warning">Start a referral from the person’s page: find the person under People, then choose “Refer”.</Alert>
      </>
    );
  }
  if (person.error && !person.data) {
    return (
      <>
        <PageHeading title="New referral" />
        <Alert tone="error">{describeError(person.error)}</Alert>
      </>
    );
  }
  const name = person.data ? personName(person.data) : 'the person';

  function choose(pathwayId: string, serviceId: string) {
    const next = new URLSearchParams(params);
    next.set('pathwayId', pathwayId);
    next.set('serviceId', serviceId);
    setParams(next);
  }
  function unchoose() {
    const next = new URLSearchParams(params);
    next.delete('pathwayId');
    next.delete('serviceId');
    setParams(next);
  }

  async function send({ body, files, handoff }: ReferralSubmission) {
    const created = await api.createReferral(body);
    const failed: string[] = [];
    for (const { file, documentKey } of files) {
      try {
        await api.uploadAttachment(created.id, file, documentKey);
      } catch (error) {
        failed.push(`${file.name} (${describeError(error)})`);
      }
    }
    let handoffFailed: string | null = null;
    if (handoff) {
      try {
        await api.recordHandoff(created.id, handoff);
      } catch (error) {
        handoffFailed = describeError(error);
      }
    }
    const problems = [
      failed.length > 0 ? `These files were not attached: ${failed.join('; ')}. Attach them again below.` : null,
      handoffFailed ? `The warm handoff was not recorded: ${handoffFailed}` : null,
    ].filter(Boolean);
    void navigate(`/referrals/${created.id}`, {
      state: { notice: 'Referral sent. The receiving organization has been notified.', warning: problems.join(' ') || null },
    });
  }

  const toConsent = (organizationId: string, organizationName: string) =>
    void navigate(consentCapturePath(personId, organizationId, organizationName, here));

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/people/${personId}`}>{name}</Link>
      </p>
      <PageHeading
        eyebrow={chosen ? 'Step 2 of 2' : 'Step 1 of 2'}
        title={chosen ? `Refer ${name}: details` : `Refer ${name}: choose a service`}
        description={
          chosen
            ? `${chosen.serviceName} at ${chosen.organizationName}, on the pathway “${chosen.pathwayName}”.`
            : 'Services on pathways open to your organization, best match first.'
        }
      />
      {suggestions.error ? <Alert tone="error">{describeError(suggestions.error)}</Alert> : null}
      {!chosen ? (
        <>
          <SuggestionFilterForm value={filters} onChange={setFilters} />
          {suggestions.isLoading ? (
            <p className="page-status" role="status">
              Finding services…
            </p>
          ) : null}
          {suggestions.data && suggestions.data.length === 0 && !suggestions.isLoading ? (
            <Alert tone="info">
              No service on a pathway open to your organization matches. Remove a filter, or ask an administrator about a pathway.
            </Alert>
          ) : null}
          {suggestions.data && suggestions.data.length > 0 ? (
            <ol className="referral-suggestions" aria-label="Suggested services">
              {suggestions.data.map((s, index) => (
                <SuggestionCard
                  key={`${s.pathwayId}:${s.serviceId}:${s.locationId ?? ''}`}
                  suggestion={s}
                  rank={index + 1}
                  onChoose={() => choose(s.pathwayId, s.serviceId)}
                />
              ))}
            </ol>
          ) : null}
        </>
      ) : (
        <>
          <div className="card referral-chosen">
            <p>
              <strong>{chosen.serviceName}</strong> · {chosen.organizationName}
              {chosen.locationName ? ` · ${chosen.locationName}` : ''}
            </p>
            {pathway.data ? (
              <p className="muted">
                Acknowledged within {pathway.data.ackHours} hours; first contact or appointment within {pathway.data.firstContactDays} days.
                Contact at the receiver:{' '}
                {[pathway.data.receiverContact.name, pathway.data.receiverContact.phone, pathway.data.receiverContact.email]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
            ) : null}
            <Button size="small" onClick={unchoose}>
              Choose another service
            </Button>
          </div>
          {!chosen.consentCovers ? (
            <>
              <ConsentNeededNotice
                organizationName={chosen.organizationName}
                onCapture={() => toConsent(chosen.organizationId, chosen.organizationName)}
              />
              <Button onClick={() => setGeneration((value) => value + 1)}>Check consent again</Button>
            </>
          ) : pathway.error ? (
            <Alert tone="error">{describeError(pathway.error)}</Alert>
          ) : !pathway.data ? (
            <p className="page-status" role="status">
              Loading the pathway…
            </p>
          ) : (
            <ReferralForm
              personId={personId}
              pathway={pathway.data}
              suggestion={chosen}
              userName={session.user.displayName}
              onSubmit={send}
              onCancel={unchoose}
              onConsentRequired={() => toConsent(chosen.organizationId, chosen.organizationName)}
            />
          )}
        </>
      )}
      {chosenPathway && suggestions.data && !chosen && !suggestions.isLoading ? (
        <Alert tone="warning">The service chosen before is no longer suggested; choose again.</Alert>
      ) : null}
    </>
  );
}
