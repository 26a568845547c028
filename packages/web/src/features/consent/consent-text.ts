/**
 * The wording of the printable consent form, in plain English and Spanish. Every element required by
 * 42 CFR 2.31(a) as amended by the 2024 final rule (89 FR 12472) has a heading here: the person's
 * name, who may disclose, what information, recipients, purposes, the right to revoke with the
 * reliance exception and how, the expiry, the signature and the date, and, for a consent for
 * treatment, payment and health care operations, the statement that a recipient covered by HIPAA may
 * redisclose the record under HIPAA except in proceedings against the person.
 * Source: ../shared/reference/referral-directory-consent.md §3.2 (required consent elements) and §3.3.
 * The Spanish text is a courtesy translation; the English text governs.
 */
export type ConsentLanguage = 'en' | 'es';

export interface ConsentText {
  title: Record<'standard' | 'tpo' | 'counseling_notes', string>;
  intro: string;
  personHeading: string;
  personLine: (name: string) => string;
  disclosersHeading: string;
  anyNetworkProvider: string;
  informationHeading: string;
  informationIntro: string;
  recipientsHeading: string;
  treatingProviders: string;
  purposesHeading: string;
  expiryHeading: string;
  expiresOn: (date: string) => string;
  expiresWhen: string;
  revokeHeading: string;
  revokeText: string;
  revokeHow: (organization: string) => string;
  conditionHeading: string;
  conditionText: string;
  redisclosureHeading: string;
  redisclosureTpo: string;
  redisclosureGeneral: string;
  counselingNotesText: string;
  signatureHeading: string;
  signedBy: string;
  relationship: Record<'self' | 'parent_or_guardian' | 'personal_representative', string>;
  signatureAttested: string;
  signatureMissing: string;
  dateSigned: string;
  notSigned: string;
  status: Record<'draft' | 'signed' | 'revoked' | 'expired', string>;
  revokedOn: (date: string) => string;
  copyNote: string;
}

export const consentText: Record<ConsentLanguage, ConsentText> = {
  en: {
    title: {
      standard: 'Consent to share substance use information',
      tpo: 'Consent to share substance use information for treatment, payment and health care operations',
      counseling_notes: 'Consent to share substance use counseling notes',
    },
    intro:
      'Federal law (42 CFR Part 2) protects information about substance use treatment. We can share it only with your written consent, except in a few cases the law allows, such as a medical emergency. Read this form, ask any questions, and sign only if you agree.',
    personHeading: '1. Your name',
    personLine: (name) => `I, ${name}, agree that my information may be shared as described below.`,
    disclosersHeading: '2. Who may share my information',
    anyNetworkProvider: 'Any organization in the care network that holds my records',
    informationHeading: '3. What information may be shared',
    informationIntro: 'Only these kinds of information:',
    recipientsHeading: '4. Who may receive my information',
    treatingProviders:
      'My treating providers: organizations in the care network that have a treating provider relationship with me (they are caring for me now).',
    purposesHeading: '5. Why it may be shared',
    expiryHeading: '6. When this consent ends',
    expiresOn: (date) => `This consent ends on ${date}, unless I revoke it sooner.`,
    expiresWhen: 'This consent ends:',
    revokeHeading: '7. My right to revoke (cancel) this consent',
    revokeText:
      'I can revoke this consent at any time. Revoking stops any new sharing from then on. It does not undo sharing that already happened while this consent was in effect (information used in reliance on it).',
    revokeHow: (organization) =>
      `To revoke, tell any staff member at ${organization} or any organization named on this form, in writing or electronically. If I revoke out loud, staff will write it down and ask me to confirm in writing.`,
    conditionHeading: '8. My choice',
    conditionText:
      'I do not have to sign this form. My treatment, payment, enrollment or eligibility for benefits will not depend on whether I sign, except where the law allows.',
    redisclosureHeading: '9. How my information may be shared again',
    redisclosureTpo:
      'If a recipient is a health care provider, health plan or other organization covered by HIPAA, it may share my information again as HIPAA allows. It may never use my information, or share it to be used, in a civil, criminal, administrative or legislative proceeding against me without my separate consent or a court order.',
    redisclosureGeneral:
      'Recipients may not share my information again unless I give written consent or the law allows it. It may never be used against me in a civil, criminal, administrative or legislative proceeding without my separate consent or a court order.',
    counselingNotesText:
      'Counseling notes can only be shared with this separate consent. This form covers counseling notes and nothing else.',
    signatureHeading: '10. Signature',
    signedBy: 'Signed by',
    relationship: { self: 'the person', parent_or_guardian: 'parent or guardian', personal_representative: 'personal representative' },
    signatureAttested: 'Signature attested by staff (signed on paper or confirmed in person).',
    signatureMissing: 'Signature:',
    dateSigned: 'Date signed',
    notSigned: 'Not signed yet',
    status: { draft: 'Draft — not signed', signed: 'Signed', revoked: 'Revoked', expired: 'Expired' },
    revokedOn: (date) => `Revoked on ${date}.`,
    copyNote: 'You have the right to a copy of this form.',
  },
  es: {
    title: {
      standard: 'Consentimiento para compartir información sobre el consumo de sustancias',
      tpo: 'Consentimiento para compartir información sobre el consumo de sustancias para tratamiento, pago y operaciones de atención médica',
      counseling_notes: 'Consentimiento para compartir notas de consejería sobre el consumo de sustancias',
    },
    intro:
      'La ley federal (42 CFR parte 2) protege la información sobre el tratamiento por consumo de sustancias. Solo podemos compartirla con su consentimiento por escrito, salvo en algunos casos que la ley permite, como una emergencia médica. Lea este formulario, haga las preguntas que quiera y fírmelo solo si está de acuerdo.',
    personHeading: '1. Su nombre',
    personLine: (name) => `Yo, ${name}, acepto que mi información se comparta como se describe a continuación.`,
    disclosersHeading: '2. Quién puede compartir mi información',
    anyNetworkProvider: 'Cualquier organización de la red de atención que tenga mis registros',
    informationHeading: '3. Qué información se puede compartir',
    informationIntro: 'Solo estos tipos de información:',
    recipientsHeading: '4. Quién puede recibir mi información',
    treatingProviders:
      'Mis proveedores de tratamiento: organizaciones de la red de atención que tienen una relación de tratamiento conmigo (me están atendiendo ahora).',
    purposesHeading: '5. Para qué se puede compartir',
    expiryHeading: '6. Cuándo termina este consentimiento',
    expiresOn: (date) => `Este consentimiento termina el ${date}, salvo que yo lo revoque antes.`,
    expiresWhen: 'Este consentimiento termina:',
    revokeHeading: '7. Mi derecho a revocar (cancelar) este consentimiento',
    revokeText:
      'Puedo revocar este consentimiento en cualquier momento. La revocación detiene cualquier divulgación nueva desde ese momento. No deshace lo que ya se compartió mientras este consentimiento estaba vigente (información usada con base en él).',
    revokeHow: (organization) =>
      `Para revocarlo, avise a cualquier miembro del personal de ${organization} o de cualquier organización nombrada en este formulario, por escrito o por medios electrónicos. Si lo revoco de palabra, el personal lo anotará y me pedirá que lo confirme por escrito.`,
    conditionHeading: '8. Mi decisión',
    conditionText:
      'No estoy obligado a firmar este formulario. Mi tratamiento, pago, inscripción o elegibilidad para beneficios no dependerán de que lo firme, salvo cuando la ley lo permita.',
    redisclosureHeading: '9. Cómo se puede volver a compartir mi información',
    redisclosureTpo:
      'Si quien la recibe es un proveedor de atención médica, un plan de salud u otra organización cubierta por HIPAA, puede volver a compartir mi información según lo permita HIPAA. Nunca podrá usar mi información, ni compartirla para que se use, en un procedimiento civil, penal, administrativo o legislativo en mi contra sin mi consentimiento por separado o una orden judicial.',
    redisclosureGeneral:
      'Quienes la reciban no pueden volver a compartir mi información salvo que yo lo autorice por escrito o la ley lo permita. Nunca podrá usarse en mi contra en un procedimiento civil, penal, administrativo o legislativo sin mi consentimiento por separado o una orden judicial.',
    counselingNotesText:
      'Las notas de consejería solo se pueden compartir con este consentimiento por separado. Este formulario cubre las notas de consejería y nada más.',
    signatureHeading: '10. Firma',
    signedBy: 'Firmado por',
    relationship: { self: 'la persona', parent_or_guardian: 'padre, madre o tutor', personal_representative: 'representante personal' },
    signatureAttested: 'Firma certificada por el personal (firmada en papel o confirmada en persona).',
    signatureMissing: 'Firma:',
    dateSigned: 'Fecha de la firma',
    notSigned: 'Todavía sin firmar',
    status: { draft: 'Borrador — sin firmar', signed: 'Firmado', revoked: 'Revocado', expired: 'Vencido' },
    revokedOn: (date) => `Revocado el ${date}.`,
    copyNote: 'Usted tiene derecho a recibir una copia de este formulario.',
  },
};

const dateFormats: Record<ConsentLanguage, Intl.DateTimeFormat> = {
  en: new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }),
  es: new Intl.DateTimeFormat('es-US', { dateStyle: 'long', timeZone: 'UTC' }),
};

/** A date ("2026-03-04" or a timestamp) in the form's language. */
export function formatConsentDate(value: string, language: ConsentLanguage): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormats[language].format(date);
}
