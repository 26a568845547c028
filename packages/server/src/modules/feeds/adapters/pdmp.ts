import { checkExtractHeader, dispensingCareEvent } from '../../safety/index.ts';
import { FeedMessageError, type FeedAdapter, type FeedPlan } from '../adapter.ts';
import { parseRow, splitRows } from './tabular.ts';

/*
 * PDMP dispensing extracts on a schedule (docs/integration.md, "A PDMP"): the CSV or NDJSON extract
 * the screening command reads (person_id, fill_date, rxcui and/or drug_name + strength, quantity,
 * days_supply, prescriber_id, pharmacy_id, otp), one message per row. The drug is classified with
 * the safety module's tables, through its front door: medication for OUD → `moud_dispense`, an
 * opioid → `opioid_dispense`, a benzodiazepine or other CNS depressant → `medication_dispense`,
 * naloxone → a `naloxone` kit; anything else keeps nothing. `person_id` is the PDMP's own patient
 * id (a `pdmp_id` identifier): a PDMP extract acts only for a person the network already knows by
 * it, and otherwise keeps nothing.
 */

export function splitPdmp(content: string): string[] {
  if (content.trim() === '') throw new FeedMessageError('malformed', 'The extract is empty');
  return splitRows(content, {
    label: 'The extract',
    json: 'ndjson',
    stringValues: true,
    relaxColumnCount: true,
    checkHeader: (header) => {
      try {
        checkExtractHeader(header);
      } catch (error) {
        throw new FeedMessageError(
          'malformed',
          error instanceof Error ? `The extract's header: ${error.message}` : 'The extract has no header',
        );
      }
    },
  });
}

export function planPdmp(message: string): FeedPlan {
  const record = Object.fromEntries(
    Object.entries(parseRow(message, 'A dispensing')).map(([k, v]) => [k.toLowerCase(), v == null ? '' : String(v)]),
  );
  const key = ['pdmp', record.person_id, record.fill_date, record.rxcui || record.drug_name, record.pharmacy_id, record.quantity]
    .join(':')
    .slice(0, 100);
  const out = dispensingCareEvent(record, key);
  if (!out.ok) throw new FeedMessageError('malformed', out.reason);
  if (out.event === null) return { messageType: 'pdmp:other', externalId: null, items: [] };
  return {
    messageType: `pdmp:${out.event.type}`,
    externalId: null,
    items: [
      {
        person: {
          identifiers: [{ kind: 'pdmp_id', value: out.personId.slice(0, 100) }],
          givenName: '',
          familyName: '',
          birthDate: '',
          sex: 'unknown',
          phone: '',
          address: null,
        },
        register: 'if_known',
        events: [out.event],
      },
    ],
  };
}

export const pdmpAdapter: FeedAdapter = { kind: 'pdmp', split: splitPdmp, plan: planPdmp };
