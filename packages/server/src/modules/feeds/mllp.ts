import net from 'node:net';
import type { Clock } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { feedMatchModel } from '../person-index/index.ts';
import { receiveMessage } from './apply.ts';
import { hl7v2Adapter } from './adapters/hl7v2.ts';
import { FeedMessageError } from './adapter.ts';
import { loadSources } from './sources.ts';

/*
 * The MLLP listener (HL7 v2 Implementation Guide, Appendix C, Minimal Lower Layer Protocol): each
 * message framed as VT (0x0b) … FS CR (0x1c 0x0d) on a TCP connection; each answered, in order, with
 * an HL7 v2 ACK (AA applied or a duplicate; AE could not be applied, now in the error queue; AR
 * refused). A message belongs to the hl7v2 feed whose name is its MSH-4 sending facility (first
 * component), compared without case; an unknown facility is refused (AR) and kept nowhere.
 * Started by the server when CONTINUUM_MLLP_PORT is set. Nothing about a message is logged.
 */

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;
/** A frame larger than this is refused and the connection closed (a sender that lost framing). */
const MAX_FRAME_BYTES = 2 * 1024 * 1024;

export interface MllpListener {
  port: number;
  close(): Promise<void>;
}

export interface MllpLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

function frame(text: string): Buffer {
  return Buffer.concat([Buffer.from([VT]), Buffer.from(text, 'utf8'), Buffer.from([FS, CR])]);
}

/** Splits complete frames off a buffer: the frames and what is left (an incomplete frame). */
export function takeFrames(buffer: Buffer): { frames: string[]; rest: Buffer } {
  const frames: string[] = [];
  let rest = buffer;
  for (;;) {
    const start = rest.indexOf(VT);
    if (start < 0) return { frames, rest: Buffer.alloc(0) };
    let end = -1;
    for (let i = start + 1; i < rest.length - 1; i++) {
      if (rest[i] === FS && rest[i + 1] === CR) {
        end = i;
        break;
      }
    }
    if (end < 0) return { frames, rest: rest.subarray(start) };
    frames.push(rest.subarray(start + 1, end).toString('utf8'));
    rest = rest.subarray(end + 2);
  }
}

/** Answers one framed message: finds its feed by sending facility, applies it, builds the ACK. */
export async function handleMllpMessage(db: Db, clock: Clock, text: string): Promise<string> {
  const message = text.replace(/\r\n|\n/g, '\r').replace(/\r+$/, '');
  const header = message.split('\r')[0] ?? '';
  // MSH-4, first component (the field separator is MSH's fourth character).
  const facility = header.startsWith('MSH') ? (header.split(header.charAt(3) || '|')[3] ?? '').split('^')[0]!.trim().toLowerCase() : '';
  const sources = facility ? (await loadSources(db)).filter((s) => s.kind === 'hl7v2' && s.name.toLowerCase() === facility) : [];
  if (sources.length !== 1) {
    const reason = new FeedMessageError('unsupported', 'No HL7 v2 feed is set up for the sending facility (MSH-4)');
    return hl7v2Adapter.acknowledge!(message, { ok: false, code: reason.code, reason: reason.reason }, clock.now());
  }
  const result = await receiveMessage(db, clock, sources[0]!, hl7v2Adapter, await feedMatchModel(db, clock), message);
  return hl7v2Adapter.acknowledge!(
    message,
    result.status === 'rejected' ? { ok: false, code: result.code, reason: result.reason } : { ok: true },
    clock.now(),
  );
}

/** Listens for MLLP connections; resolves once listening (port 0 picks a free port). */
export function startMllpListener(
  deps: { db: Db; clock: Clock; log: MllpLog },
  options: { host: string; port: number },
): Promise<MllpListener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    let buffer: Buffer = Buffer.alloc(0);
    let queue = Promise.resolve();
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length > MAX_FRAME_BYTES) {
        socket.destroy();
        return;
      }
      const { frames, rest } = takeFrames(buffer);
      buffer = rest;
      for (const text of frames) {
        queue = queue.then(async () => {
          try {
            const ack = await handleMllpMessage(deps.db, deps.clock, text);
            if (!socket.destroyed) socket.write(frame(ack));
          } catch (error) {
            deps.log.error({ err: { type: error instanceof Error ? error.name : 'unknown' } }, 'mllp: a message could not be answered');
            if (!socket.destroyed)
              socket.write(
                frame(hl7v2Adapter.acknowledge!(text, { ok: false, code: 'failed', reason: 'Internal error' }, deps.clock.now())),
              );
          }
        });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address() as net.AddressInfo;
      deps.log.info({ port: address.port }, 'mllp: listening for HL7 v2');
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
