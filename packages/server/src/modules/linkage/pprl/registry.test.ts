import { describe, expect, it } from 'vitest';
import { parseRecordText } from '../records.ts';
import { createEncoder } from './encode.ts';
import { encodeRecords } from './records.ts';
import { linkToRegistry } from './registry.ts';
import { shippedSchema } from './schema.ts';

const secret = Buffer.from('the network secret, held by the parties only');

// Registry people as the registry holds them (RawPerson fields).
const people = [
  {
    id: 'p-1',
    given_name: 'Maria',
    family_name: 'Gonzalez',
    birth_date: '1984-06-02',
    sex: 'F',
    zip: '21201',
    ssn: '900123456',
    phone: '4105550100',
  },
  {
    id: 'p-2',
    given_name: 'James',
    family_name: 'Carter',
    birth_date: '1990-11-23',
    sex: 'M',
    zip: '21218',
    ssn: null,
    phone: '4435550199',
  },
  { id: 'p-3', given_name: 'Aisha', family_name: 'Bello', birth_date: '2001-02-14', sex: 'F', zip: '21230', ssn: '900551212', phone: null },
  { id: 'p-4', given_name: 'Aisha', family_name: 'Bello', birth_date: '2003-09-30', sex: 'F', zip: '21230', ssn: null, phone: null },
];

describe('linking an encoded file to the registry', () => {
  it('links each partner record to the registry person it describes, one to one, and leaves strangers out', async () => {
    const encoder = createEncoder(shippedSchema('default'), secret);
    // The partner's own file, encoded where it is held; only the CLKs come over.
    const partner = await parseRecordText(
      [
        'record_id,first_name,last_name,dob,sex,zip,ssn,phone',
        'otp-1,Mariah,Gonzales,06/02/1984,F,21201,3456,(410) 555-0100',
        'otp-2,Aisha,Bello,02/14/2001,F,21230,1212,',
        'otp-3,Lena,Novak,03/03/1966,F,21093,900-40-4040,301-555-0111',
      ].join('\n'),
    );
    const file = encodeRecords(partner, encoder);
    const { links, stats } = await linkToRegistry(file, people, encoder, { threshold: 0.6 });
    expect(stats.compared).toBe(12);
    expect(links.map((l) => `${l.personId}=${l.recordId}`).sort()).toEqual(['p-1=otp-1', 'p-3=otp-2']);
    // The twin-like p-4 (same name and ZIP, another birth date) does not take p-3's record.
    expect(links.every((l) => l.similarity >= 0.6)).toBe(true);
  });

  it('links nothing when the partner encoded under another secret', async () => {
    const partner = await parseRecordText('record_id,first_name,last_name,dob\notp-1,Maria,Gonzalez,1984-06-02\n');
    const file = encodeRecords(partner, createEncoder(shippedSchema('default'), Buffer.from('a different secret, also long enough')));
    const { links } = await linkToRegistry(file, people, createEncoder(shippedSchema('default'), secret), { threshold: 0.6 });
    expect(links).toEqual([]);
  });
});
