import { expiryEventLabels, purposeLabels, recordKindLabels, type Consent } from '@continuum/contracts';
import { consentText, formatConsentDate } from './consent-text.ts';

const recordedByFallback = { en: 'the organization that recorded this form', es: 'la organización que registró este formulario' };

/**
 * The consent as the person reads and signs it, in the consent's language, with every element of
 * 42 CFR 2.31. The same markup is the printable form (see consent.css for the print stylesheet).
 */
export function ConsentDocument({ consent }: { consent: Consent }) {
  const language = consent.language;
  const t = consentText[language];
  const names = consent.organizationNames;
  const recordedBy = names[consent.createdByOrganizationId] ?? recordedByFallback[language];
  return (
    <article className="consent-document" lang={language} aria-labelledby="consent-title">
      <header className="consent-document-header">
        <h2 id="consent-title">{t.title[consent.type]}</h2>
        <p className="consent-status">{t.status[consent.status]}</p>
      </header>
      <p>{t.intro}</p>

      <section>
        <h3>{t.personHeading}</h3>
        <p>{t.personLine(consent.personName)}</p>
      </section>

      <section>
        <h3>{t.disclosersHeading}</h3>
        {consent.disclosers.type === 'any_network_provider' ? (
          <p>{t.anyNetworkProvider}</p>
        ) : (
          <ul>
            {consent.disclosers.organizationIds.map((id) => (
              <li key={id}>{names[id] ?? id}</li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h3>{t.informationHeading}</h3>
        <p>{t.informationIntro}</p>
        <ul>
          {consent.kinds.map((kind) => (
            <li key={kind}>{recordKindLabels[kind][language]}</li>
          ))}
        </ul>
        <p className="consent-description">{consent.informationDescription}</p>
        {consent.type === 'counseling_notes' ? <p>{t.counselingNotesText}</p> : null}
      </section>

      <section>
        <h3>{t.recipientsHeading}</h3>
        {consent.recipients.type === 'treating_providers' ? (
          <p>{t.treatingProviders}</p>
        ) : (
          <ul>
            {consent.recipients.organizationIds.map((id) => (
              <li key={id}>{names[id] ?? id}</li>
            ))}
          </ul>
        )}
      </section>

      <section>
        <h3>{t.purposesHeading}</h3>
        <ul>
          {consent.purposes.map((purpose) => (
            <li key={purpose}>{purposeLabels[purpose][language]}</li>
          ))}
        </ul>
      </section>

      <section>
        <h3>{t.expiryHeading}</h3>
        {consent.expiresOn ? <p>{t.expiresOn(formatConsentDate(consent.expiresOn, language))}</p> : null}
        {consent.expiryEvent ? (
          <p>
            {t.expiresWhen} {expiryEventLabels[consent.expiryEvent][language]}
          </p>
        ) : null}
      </section>

      <section>
        <h3>{t.revokeHeading}</h3>
        <p>{t.revokeText}</p>
        <p>{t.revokeHow(recordedBy)}</p>
      </section>

      <section>
        <h3>{t.conditionHeading}</h3>
        <p>{t.conditionText}</p>
      </section>

      <section>
        <h3>{t.redisclosureHeading}</h3>
        <p>{consent.type === 'tpo' ? t.redisclosureTpo : t.redisclosureGeneral}</p>
      </section>

      <section className="consent-signature">
        <h3>{t.signatureHeading}</h3>
        {consent.signedAt ? (
          <>
            {consent.signatureMethod === 'drawn' && consent.signatureImage ? (
              <img className="signature-image" src={consent.signatureImage} alt={`${t.signedBy} ${consent.signerName ?? ''}`} />
            ) : (
              <p>{t.signatureAttested}</p>
            )}
            <p>
              {t.signedBy}: <strong>{consent.signerName}</strong>
              {consent.signerRelationship ? ` (${t.relationship[consent.signerRelationship]})` : null}
            </p>
            <p>
              {t.dateSigned}: <strong>{formatConsentDate(consent.signedAt, language)}</strong>
            </p>
          </>
        ) : (
          <>
            <p className="signature-line">{t.signatureMissing} ______________________________</p>
            <p className="signature-line">
              {t.dateSigned}: ____________ <span className="muted">({t.notSigned})</span>
            </p>
          </>
        )}
        {consent.revokedAt ? <p className="consent-revoked">{t.revokedOn(formatConsentDate(consent.revokedAt, language))}</p> : null}
      </section>
      <p className="consent-copy-note">{t.copyNote}</p>
    </article>
  );
}
