import { systemAccess } from '../core/access-context.ts';
import { indexChangedPeople, trainAndStoreModel } from '../modules/person-index/index.ts';
import { exitCodes, type CliIo } from './cli-io.ts';

export const personIndexRebuildUsage = `Usage: continuum person-index rebuild

Estimates the person index's model again (EM from the registry's people when there are at least
1,000, else the default model) and scores every registry person against the network: automatic
links above the upper threshold, review items between the thresholds (docs/person-index.md).
A progress line goes to stderr; the summary to stdout.
`;

/** `continuum person-index rebuild`: re-estimate the model and index every registry person. */
export async function personIndexRebuild(argv: string[], io: CliIo): Promise<number> {
  if (argv.length > 0) {
    io.stderr(`unexpected argument\n\n${personIndexRebuildUsage}`);
    return exitCodes.usage;
  }
  const { db, close } = await io.openDb();
  try {
    const model = await trainAndStoreModel(db, io.clock);
    io.stderr(`model ${model.version} (${model.method === 'em' ? `EM on ${model.trainedOn} people` : 'default'})\n`);
    const result = await indexChangedPeople(db, io.clock, systemAccess('continuum person-index rebuild'), {
      all: true,
      onProgress: (done) => io.stderr(`\rindexed ${done} people`),
    });
    io.stderr('\n');
    io.stdout(`indexed ${result.indexed} people: ${result.linked} linked automatically, ${result.reviews} for review\n`);
    return exitCodes.ok;
  } finally {
    await close();
  }
}
