import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aLocatorResult } from './fake-api.ts';
import { resultPoints } from './locator-results-map.tsx';
import { locatorStrings } from './locator-strings.ts';
import { aLocatorWorld, renderLocator } from './locator-test-support.tsx';

const result = {
  place: { label: '97104 · Alder Falls', latitude: 45.5, longitude: -122.7, source: 'network' as const },
  radiusMiles: 10,
  total: 2,
  items: [
    aLocatorResult({ serviceName: 'Walk-in clinic', organizationName: 'Harbor', distanceMiles: 2.4 }),
    aLocatorResult({ serviceName: 'Methadone program', organizationName: 'Riverside', distanceMiles: 7.9 }),
  ],
};

describe('the locator map markers', () => {
  it('mark the place searched from, then each result numbered as in the list, named for screen readers', () => {
    const points = resultPoints(result, locatorStrings.en);
    expect(points.map((p) => [p.id, p.kind, p.text ?? null, p.label])).toEqual([
      ['place', 'place', null, 'Where you searched from: 97104 · Alder Falls'],
      ['1', 'service', '1', '1. Walk-in clinic, Harbor, 2.4 miles away'],
      ['2', 'service', '2', '2. Methadone program, Riverside, 7.9 miles away'],
    ]);
    expect(points[1]).toMatchObject({ latitude: 45.5, longitude: -122.6 });
  });

  it('speak Spanish on the Spanish page', () => {
    const points = resultPoints(result, locatorStrings.es);
    expect(points.map((p) => p.label)).toEqual([
      'Lugar desde donde buscó: 97104 · Alder Falls',
      '1. Walk-in clinic, Harbor, a 2.4 millas',
      '2. Methadone program, Riverside, a 7.9 millas',
    ]);
    expect(locatorStrings.es.mapLegend).toBe('Los números corresponden a la lista. El punto rojo es el lugar desde donde buscó.');
  });

  it('without WebGL the list stands alone: no map, and the map data is not even fetched', async () => {
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    const { client } = aLocatorWorld();
    const fetched = vi.spyOn(client, 'getLocatorMap');
    renderLocator(client, '/find?zip=97104&radius=10');
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/services found/));
    expect(screen.getAllByRole('article').length).toBeGreaterThan(1);
    expect(document.getElementById('locator-result-1')).not.toBeNull();
    expect(screen.queryByRole('region', { name: /Map of the results/ })).toBeNull();
    expect(fetched).not.toHaveBeenCalled();
  });
});
