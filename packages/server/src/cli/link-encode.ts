import fs from 'node:fs';
import path from 'node:path';
import { systemAccess } from '../core/access-context.ts';
import { AppError } from '../errors.ts';
import {
  encodeRegistryOrganization,
  LinkageInputError,
  MapSyntaxError,
  parseColumnMap,
  pprl,
  readRecordFile,
} from '../modules/linkage/index.ts';
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
       continuum link encode --registry --organization ID --schema S --secret-file K --out CLKS

Privacy-preserving linkage: encodes each record of FILE (CSV or NDJSON) as a 1,024-bit CLK, a keyed
Bloom filter of its fields' q-grams (docs/pprl.md), and writes one line per record:
record_id,clk[,blocking_keys]. Run it where the records are: only the CLK file leaves; the secret
never goes to the hub.

  --schema S        linkage schema file (JSON), or "default" / "febrl" for a shipped one
  --secret-file K   the network secret (at least 32 random bytes; the same for every party)
  --out CLKS        the encoded file to write
  --id COLUMN       the record id column (default record_id, rec_id, unique_id or id)
  --map col=field   map columns to fields (given_name, family_name, birth_date, sex, ssn, phone, zip, ...)
  --registry        encode the registry's people instead of a file: those registered by --organization
                    (its own records; merged records left to their survivor), read from the database
                    and audited (pprl.encode-registry, counts only); record ids are person ids
  --organization ID the organization whose registered people are encoded (with --registry)
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
      registry: { type: 'boolean' },
      organization: { type: 'string' },
    },
  });
  if (exit !== undefined) return exit;
  if (values.registry) {
    if (positionals.length !== 0) return usage('give no input FILE with --registry');
    if (!values.organization) return usage('--organization is required with --registry');
    if (values.id || values.map) return usage('--id and --map are for files, not --registry');
  } else {
    if (values.organization) return usage('--organization is only for --registry');
    if (positionals.length !== 1) return usage('give exactly one input FILE');
  }
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
  const started = Date.now();
  const encoder = createEncoder(schema, secret);
  if (values.registry) {
    const organizationId = values.organization!;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationId))
      return usage('--organization must be an organization id (a UUID)');
    const { db, close } = await io.openDb();
    try {
      const { organizationName, encoded } = await encodeRegistryOrganization(
        db,
        io.clock,
        systemAccess('continuum link encode --registry'),
        {
          organizationId,
          encoder,
        },
      );
      writeClkFile(out, schema, encoder, encoded);
      const seconds = (Date.now() - started) / 1000;
      io.stdout(
        `Encoded ${encoded.ids.length} people registered by ${organizationName} with schema ${schema.id} (fingerprint ${encoder.fingerprint}) into ${out} in ${seconds.toFixed(1)} s.\n`,
      );
      return exitCodes.ok;
    } catch (error) {
      if (error instanceof AppError && error.code === 'ORGANIZATION_NOT_FOUND') return fail(`no organization with id ${organizationId}`);
      throw error;
    } finally {
      await close();
    }
  }
  const file = positionals[0]!;
  if (!fs.existsSync(file)) return fail(`${file}: no such file`);

  const progress = stageProgress(io, 'encode');
  try {
    const records = await readRecordFile(file, { ...(values.id ? { idColumn: values.id } : {}), ...(map ? { map } : {}) });
    const encoded = encodeRecords(records, encoder, (done) => progress.update('encoding', done, records.length));
    progress.stop();
    writeClkFile(out, schema, encoder, encoded);
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

/** Writes the CLK file beside the target and renames it, so a failure leaves no partial file. */
function writeClkFile(
  out: string,
  schema: LinkageSchema,
  encoder: pprl.Encoder,
  encoded: { ids: readonly string[]; filters: Uint8Array; blockingKeys: readonly (readonly string[])[] },
): void {
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
}
