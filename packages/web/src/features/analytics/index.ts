// The analytics feature's front door: what other features and the app shell may import from it (decision 0017).
// The app mounts its routes (lazily, by import()), which provide its own client (api-context.tsx over api.ts).
// The scenarios feature draws its fan, fit and tornado charts with the same scales, colours and downloads.
export { bandCentre, defaultFrame, linearScale, type Frame } from './charts/chart-scale.ts';
export { colours } from './charts/chart-marks.ts';
export { toCsv } from './charts/chart-export.ts';
export { ExportButtons } from './charts/export-buttons.tsx';
// The partner scorecards (network feature) draw their run charts with the learning dashboard's chart.
export { SpcChart } from './charts/spc-chart.tsx';
export type { ChartData } from './charts/chart-export.ts';
