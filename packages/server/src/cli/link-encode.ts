import fs from 'node:fs';
import path from 'node:path';
import { LinkageInputError, MapSyntaxError, parseColumnMap, pprl, readRecordFile } from '../modules/linkage/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';
import { parseLinkArgs } from './link-io.ts';
import { stageProgress } from './pprl-progress.ts';

const {
  headerLines,
  recordLine,
  CLK_BYTES,
  createEncoder,
  SecretError,
  secretFromBytes,
  checkRecordSchema,
  EncodeRowError,
  encodeRecords,
  readLinkageSchema,
  SchemaError,
  shippedSchema,
  shippedSchemaFiles,
} = pprl;
type LinkageSchema = pprl.LinkageSchema;

export const linkEncodeUsage = `Usage: continuum link encode FILE --schema S --secret-file K --out CLKS [--id COLUMN] [--map col=field,...]

Privacy-preserving linkage: encodes each record of FILE (CSV or NDJSON) as a 1,024-bit CLK, a keyed
Bloom filter of its fields' q-grams (docs/pprl.md), and writes one line per record:
record_id,clk[,blocking_keys]. Run it where the records are: only the CLK file leaves; the secret
never goes to the hub.

  --schema S        linkage schema file (JSON), or "default" / "febrl" for a shipped one
  --secret-file K   the network secret (at least 32 random bytes; the same for every party)
  --out CLKS        the encoded file to write
  --id COLUMN       the record id column (default record_id, rec_id, unique_id or id)
  --map col=field   map columns to fields (given_name, family_name, birth_date, sex, ssn, phone, zip, ...)
  -h, --help        show this help

Progress goes to stderr. Exit codes: 0 ok, 1 bad input (the message names the row and column), 2 usage error.
`;

function loadSchema(spec: string): LinkageSchema {
  if (!fs.existsSync(spec) && spec in shippedSchemaFiles) return shippedSchema(spec as keyof typeof shippedSchemaFiles);
  return readLinkageSchema(spec);
}

/** `continuum link encode FILE --schema S --secret-file K --out CLKS` */
export async function linkEncode(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals, usage, exit } = parseLinkArgs(argv, io, {
    name: 'encode',
    usage: linkEncodeUsage,
    options: {
      schema: { type: 'string' },
      'secret-file': { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string' },
      map: { type: 'string' },
    },
  });
  if (exit !== undefined) return exit;
  if (positionals.length !== 1) return usage('give exactly one input FILE');
  if (!values.schema) return usage('--schema is required');
  if (!values['secret-file']) return usage('--secret-file is required');
  if (!values.out) return usage('--out is required');
  let map;
  try {
    map = values.map ? parseColumnMap(values.map) : undefined;
  } catch (error) {
    if (error instanceof MapSyntaxError) return usage(error.message);
    throw error;
  }
  const file = positionals[0]!;
  const out = values.out;
  const fail = (message: string) => {
    io.stderr(`continuum link encode: ${message}\n`);
    return exitCodes.failure;
  };

  let schema: LinkageSchema;
  let secret: Uint8Array;
  try {
    schema = loadSchema(values.schema);
    checkRecordSchema(schema);
  } catch (error) {
    if (error instanceof SchemaError) return fail(error.message);
    throw error;
  }
  try {
    secret = secretFromBytes(fs.readFileSync(values['secret-file']));
  } catch (error) {
    if (error instanceof SecretError) return fail(`${values['secret-file']}: ${error.message}`);
    return fail(`cannot read the secret file ${values['secret-file']} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  if (!fs.existsSync(file)) return fail(`${file}: no such file`);

  const progress = stageProgress(io, 'encode');
  const started = Date.now();
  try {
    const records = await readRecordFile(file, { ...(values.id ? { idColumn: values.id } : {}), ...(map ? { map } : {}) });
    const encoder = createEncoder(schema, secret);
    const encoded = encodeRecords(records, encoder, (done) => progress.update('encoding', done, records.length));
    progress.stop();
    // Written beside the target and renamed, so a failure leaves no partial file.
    const tmp = path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.tmp`);
    const withKeys = schema.blocking !== undefined;
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, headerLines({ schema: schema.id, fingerprint: encoder.fingerprint, keyCheck: encoder.keyCheck }, withKeys));
      let chunk = '';
      for (let i = 0; i < encoded.ids.length; i++) {
        chunk += recordLine(
          encoded.ids[i]!,
          encoded.filters.subarray(i * CLK_BYTES, (i + 1) * CLK_BYTES),
          withKeys ? encoded.blockingKeys[i]! : null,
        );
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = '';
        }
      }
      fs.writeSync(fd, chunk);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, out);
    const seconds = (Date.now() - started) / 1000;
    io.stdout(
      `Encoded ${encoded.ids.length} records with schema ${schema.id} (fingerprint ${encoder.fingerprint}) into ${out} in ${seconds.toFixed(1)} s.\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    progress.stop();
    if (error instanceof LinkageInputError || error instanceof EncodeRowError) return fail(error.message);
    throw error;
  }
}
