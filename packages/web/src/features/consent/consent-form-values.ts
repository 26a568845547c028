import { type Consent, type ConsentKind, type ConsentType, type CreateConsent, type ExpiryEvent, type Purpose } from '@continuum/contracts';
import type { NetworkOrganization } from '../organizations/index.ts';

/* The consent form's values: from a consent (or a prefill) to the fields, and from the fields to the request body. */
export interface Values {
  type: ConsentType;
  disclosersType: 'any_network_provider' | 'organizations';
  disclosers: string[];
  recipientsType: 'organizations' | 'treating_providers';
  recipients: string[];
  purposes: Purpose[];
  kinds: ConsentKind[];
  informationDescription: string;
  endsBy: 'date' | 'event';
  expiresOn: string;
  expiryEvent: ExpiryEvent;
  language: 'en' | 'es';
}

/** Values a caller fills in ahead, e.g. the referral composer naming the receiving organization. */
export interface ConsentPrefill {
  recipient?: NetworkOrganization;
  purposes?: Purpose[];
  kinds?: ConsentKind[];
}

export function initialValues(consent?: Consent, prefill?: ConsentPrefill): Values {
  if (!consent) {
    return {
      type: 'standard',
      disclosersType: 'any_network_provider',
      disclosers: [],
      recipientsType: 'organizations',
      recipients: prefill?.recipient ? [prefill.recipient.id] : [],
      purposes: prefill?.purposes?.length
        ? [...new Set<Purpose>(['treatment', 'care_coordination', ...prefill.purposes])]
        : ['treatment', 'care_coordination'],
      kinds: prefill?.kinds ?? [],
      informationDescription: '',
      endsBy: 'date',
      expiresOn: '',
      expiryEvent: 'end_of_treatment',
      language: 'en',
    };
  }
  return {
    type: consent.type,
    disclosersType: consent.disclosers.type,
    disclosers: consent.disclosers.type === 'organizations' ? consent.disclosers.organizationIds : [],
    recipientsType: consent.recipients.type,
    recipients: consent.recipients.type === 'organizations' ? consent.recipients.organizationIds : [],
    purposes: consent.purposes,
    kinds: consent.kinds,
    informationDescription: consent.informationDescription,
    endsBy: consent.expiresOn ? 'date' : 'event',
    expiresOn: consent.expiresOn ?? '',
    expiryEvent: consent.expiryEvent ?? 'end_of_treatment',
    language: consent.language,
  };
}

export function toBody(values: Values): Partial<CreateConsent> {
  return {
    type: values.type,
    disclosers:
      values.disclosersType === 'organizations'
        ? { type: 'organizations', organizationIds: values.disclosers }
        : { type: 'any_network_provider' },
    recipients:
      values.recipientsType === 'organizations'
        ? { type: 'organizations', organizationIds: values.recipients }
        : { type: 'treating_providers' },
    purposes: values.purposes,
    kinds: values.kinds,
    informationDescription: values.informationDescription,
    expiresOn: values.endsBy === 'date' ? values.expiresOn || null : null,
    expiryEvent: values.endsBy === 'event' ? values.expiryEvent : null,
    language: values.language,
  };
}
