// `npm run check:cycles`: refuses import cycles (decision 0014).
//  - between files, in the three packages: dependency-cruiser's `no-file-cycles` rule
//    (.dependency-cruiser.cjs);
//  - between server modules: each packages/server/src/modules/<name>/ taken as one node, from the
//    same cruise;
//  - between web features: each packages/web/src/features/<name>/ taken as one node, type-only imports
//    included (a feature that needs another's types sits above it). Tests are leaves (nothing imports
//    them), so only the code they test can close a cycle.
// Exits 1 and names every cycle found.
import { createRequire } from 'node:module';
import { cruise, format } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const roots = ['packages/contracts/src', 'packages/server/src', 'packages/web/src'];

const result = await cruise(roots, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
const { output } = await format(result.output, { outputType: 'err' });
let failed = result.output.summary.error > 0;
if (failed) process.stdout.write(output);

const serverModuleOf = (path) => /^packages\/server\/src\/modules\/[^/]+/.exec(path)?.[0] ?? null;
const webFeatureOf = (path) => /^packages\/web\/src\/features\/[^/]+/.exec(path)?.[0] ?? null;
const areaOf = (path) => serverModuleOf(path) ?? webFeatureOf(path);
const isTest = (path) => /\.test\.tsx?$/.test(path);

/**
 * area -> areas it imports. Between server modules type-only imports are left out (they are erased at
 * run time); between web features they count, since the feature front doors (decision 0017) layer the
 * features and a type is part of what a feature offers.
 */
const graph = new Map();
const areas = new Set();
for (const module of result.output.modules) {
  const from = areaOf(module.source);
  if (!from || isTest(module.source)) continue;
  areas.add(from);
  for (const dependency of module.dependencies) {
    if (dependency.dependencyTypes.includes('type-only') && serverModuleOf(module.source)) continue;
    const to = areaOf(dependency.resolved);
    if (!to || to === from) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    graph.get(from).add(to);
  }
}

// Tarjan's strongly connected components: every component of more than one area is a cycle.
let index = 0;
const indices = new Map();
const lowlinks = new Map();
const stack = [];
const onStack = new Set();
const components = [];
function strongConnect(node) {
  indices.set(node, index);
  lowlinks.set(node, index);
  index++;
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!indices.has(next)) {
      strongConnect(next);
      lowlinks.set(node, Math.min(lowlinks.get(node), lowlinks.get(next)));
    } else if (onStack.has(next)) {
      lowlinks.set(node, Math.min(lowlinks.get(node), indices.get(next)));
    }
  }
  if (lowlinks.get(node) === indices.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) components.push(component.sort());
  }
}
for (const node of [...graph.keys()].sort()) if (!indices.has(node)) strongConnect(node);

for (const component of components) {
  failed = true;
  const members = new Set(component);
  const edges = component.flatMap((from) =>
    [...(graph.get(from) ?? [])].filter((to) => members.has(to)).map((to) => `    ${from} → ${to}`),
  );
  process.stdout.write(`\n  error module cycle between ${component.join(', ')}:\n${edges.join('\n')}\n`);
}

const files = result.output.summary.totalCruised;
process.stdout.write(
  failed
    ? `\nimport cycles found (${files} files cruised)\n`
    : `no import cycles: ${files} files, ${[...areas].filter(serverModuleOf).length} server modules, ${[...areas].filter(webFeatureOf).length} web features\n`,
);
process.exit(failed ? 1 : 0);
