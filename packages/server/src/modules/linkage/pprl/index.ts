/** Privacy-preserving record linkage (CLK Bloom-filter encodings): see docs/pprl.md. */
export { keyCandidates, lshCandidates, DEFAULT_LSH, type LshOptions } from './blocking.ts';
export { ClkFileError, headerLines, readClkFile, recordLine, type ClkFile, type ClkFileHeader } from './clk-file.ts';
export { CLK_BITS, CLK_BYTES } from './dice-kernel.ts';
export { compareCandidates, comparePairwise, compareWithin, type ClkSet, type ScoredPairs } from './dice.ts';
export {
  createEncoder,
  keyCheckValue,
  secretFromBytes,
  MIN_SECRET_BYTES,
  SecretError,
  FieldError,
  type Encoder,
  type RawRecord,
} from './encode.ts';
export {
  dedupeEncodings,
  linkEncodings,
  DEFAULT_THRESHOLD,
  DEFAULT_DEDUPE_THRESHOLD,
  type Blocking,
  type LinkOptions,
  type LinkStats,
} from './link.ts';
export { dice, popcount } from './popcount.ts';
export { checkRecordSchema, encodableRecord, encodeRecords, encodeRegistryPeople, EncodeRowError, ENCODABLE_FIELDS } from './records.ts';
export {
  parseLinkageSchema,
  readLinkageSchema,
  schemaFingerprint,
  SchemaError,
  shippedSchema,
  shippedSchemaFiles,
  type LinkageSchema,
} from './schema.ts';
export { greedyOneToOne } from './solve.ts';
export { linkToRegistry, type RegistryLink } from './registry.ts';
