import { describe, expect, it } from 'vitest';
import { fitProjection } from './pdf-map.ts';

describe('fitProjection (the PDF map)', () => {
  const box = { x: 10, y: 20, width: 200, height: 100 };
  it.each([
    // At the equator a degree of longitude is a degree of latitude: a 2 × 1 degree box fills 200 × 100.
    ['equator, 2 × 1 degrees', 0, [10, 20], [210, 120]],
    // At 60° (the middle latitude) a degree of longitude is half as wide: 2 × 1 degrees is square, centred across the width.
    ['middle latitude 60°, 2 × 1 degrees', 59.5, [60, 20], [160, 120]],
  ])('%s: north-west and south-east corners', (_name, south, nw, se) => {
    const ring: [number, number][] = [
      [0, south],
      [2, south],
      [2, south + 1],
      [0, south + 1],
    ];
    const project = fitProjection([ring], box);
    const [x0, y0] = project([0, south + 1]);
    const [x1, y1] = project([2, south]);
    expect(x0).toBeCloseTo(nw[0]!, 0);
    expect(y0).toBeCloseTo(nw[1]!, 0);
    expect(x1).toBeCloseTo(se[0]!, 0);
    expect(y1).toBeCloseTo(se[1]!, 0);
  });
});
