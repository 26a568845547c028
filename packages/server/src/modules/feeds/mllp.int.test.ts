import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../clock.ts';
import { systemAccess } from '../../core/access-context.ts';
import type { OpenedDatabase } from '../../db/database.ts';
import { createTestOrganization } from '../../test-support/factories.ts';
import { createTestDatabase } from '../../test-support/test-database.ts';
import { startMllpListener, takeFrames, type MllpListener } from './mllp.ts';
import { createFeedSource } from './sources.ts';
import { adtMessage, type AdtFields } from './synthetic.ts';

/* The MLLP listener over a real TCP socket: framing, ACK/NAK per message, in order. */

let opened: OpenedDatabase;
let listener: MllpListener;
const clock = manualClock(new Date('2026-11-20T12:00:00Z'));
const silent = { info: () => {}, error: () => {} };

const adt = (over: Partial<AdtFields> = {}) =>
  adtMessage({
    facility: 'HARBOR-ED',
    controlId: 'M1',
    trigger: 'A04',
    mrn: 'MRN-1',
    familyName: 'Fairholt',
    givenName: 'Skyler',
    birthDate: '19880808',
    sex: 'M',
    street: '7 Bay St',
    city: 'Harbor',
    postalCode: '97101',
    phone: '5554445555',
    visit: 'V1',
    patientClass: 'E',
    admitted: new Date('2026-11-20T08:00:00Z'),
    chiefComplaint: 'Overdose',
    diagnoses: [{ code: 'T40.1X1A', text: 'Heroin' }],
    ...over,
  });

const frame = (m: string) => `\x0b${m}\x1c\r`;

/** Sends bytes on one connection and reads `count` framed answers. */
function exchange(data: string | string[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port: listener.port });
    let buffer: Buffer = Buffer.alloc(0);
    const answers: string[] = [];
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      const { frames, rest } = takeFrames(buffer);
      buffer = rest;
      answers.push(...frames);
      if (answers.length >= count) {
        socket.end();
        resolve(answers);
      }
    });
    socket.on('error', reject);
    socket.on('connect', () => {
      for (const part of Array.isArray(data) ? data : [data]) socket.write(part);
    });
  });
}

const msa = (ack: string) => ack.split('\r').find((s) => s.startsWith('MSA'))!;

beforeAll(async () => {
  opened = await createTestDatabase();
  const ed = await createTestOrganization(opened.db, clock, { name: 'Harbor General ED', type: 'emergency_department' });
  await createFeedSource(opened.db, clock, systemAccess('test'), { organizationId: ed.id, kind: 'hl7v2', name: 'harbor-ed' }, 'UTC');
  listener = await startMllpListener({ db: opened.db, clock, log: silent }, { host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await listener?.close();
  await opened?.close();
});

describe('MLLP listener', () => {
  it('answers an applied message AA, echoing its control id', async () => {
    const [ack] = await exchange(frame(adt()), 1);
    expect(msa(ack!)).toBe('MSA|AA|M1');
    expect(ack!.startsWith('MSH|^~\\&|CONTINUUM|NETWORK|EDSYS|HARBOR-ED|')).toBe(true);
    const events = await opened.db.selectFrom('person_events').select('type').execute();
    expect(events.map((e) => e.type).sort()).toEqual(['encounter', 'overdose']);
  });

  it('answers a resent message AA too (a duplicate changes nothing)', async () => {
    const [ack] = await exchange(frame(adt()), 1);
    expect(msa(ack!)).toBe('MSA|AA|M1');
    expect(await opened.db.selectFrom('person_events').select('id').execute()).toHaveLength(2);
  });

  it('answers several messages on one connection in order, a frame split across writes included', async () => {
    const bad = adt({ controlId: 'M3', diagnoses: [{ code: 'NOPE', text: '' }] });
    const lab = adt({ controlId: 'M4' }).replace('ADT^A04^ADT_A01', 'ORU^R01^ORU_R01');
    const good = frame(
      adt({ controlId: 'M2', mrn: 'MRN-2', visit: 'V2', familyName: 'Greywood', givenName: 'Logan', birthDate: '19700101' }),
    );
    const answers = await exchange([good.slice(0, 40), good.slice(40) + frame(bad), frame(lab)], 3);
    expect(answers.map(msa).map((m) => m.split('|').slice(0, 3).join('|'))).toEqual(['MSA|AA|M2', 'MSA|AR|M3', 'MSA|AR|M4']);
    expect(answers[1]).toContain('ERR|||100^');
    expect(answers[2]).toContain('ERR|||200^');
  });

  it('refuses a message from a facility with no feed (AR), keeping nothing', async () => {
    const before = await opened.db.selectFrom('feed_messages').select('id').execute();
    const [ack] = await exchange(frame(adt({ facility: 'ELSEWHERE', controlId: 'M5' })), 1);
    expect(msa(ack!)).toMatch(/^MSA\|AR\|M5\|/);
    expect(await opened.db.selectFrom('feed_messages').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses what is not HL7 at all', async () => {
    const [ack] = await exchange(frame('hello'), 1);
    expect(msa(ack!)).toMatch(/^MSA\|AR\|\|/);
  });
});
