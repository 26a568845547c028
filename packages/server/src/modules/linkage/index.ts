/**
 * The linkage module's front door: what other modules (privacy-preserving linkage, the person index)
 * and the CLI may use. Everything here works on arrays of normalized records; nothing touches the database.
 */
export { FIELDS, parseColumnMap, MapSyntaxError, type SourceField } from './columns.ts';
export { foldText, normalizeBirthDate, normalizeName, normalizePhone, normalizeSsn, normalizeStreet, normalizeZip } from './normalize.ts';
export {
  csvRecords,
  LinkageInputError,
  ndjsonRecords,
  normalizePeople,
  parseRecordText,
  readRecordFile,
  RecordNormalizer,
  type LinkRecord,
  type RawPerson,
  type ReadOptions,
} from './records.ts';
export * as pprl from './pprl/index.ts';
