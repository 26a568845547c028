import { useMemo, useState } from 'react';
import type { LocatorSearchResult } from '@continuum/contracts';
import { useApi } from '../../api/api-context.tsx';
import { useApiData } from '../../api/use-api-data.ts';
import { AreaMap, hasWebGl, type MapPoint } from '../../ui/area-map.tsx';
import type { LocatorStrings } from './locator-strings.ts';

/** The id of result number `n` (1-based) in the list, where a marker sends the focus. */
export const resultAnchorId = (n: number) => `locator-result-${n}`;

/** The markers: the place searched from, then each result by its number in the list. */
export function resultPoints(result: LocatorSearchResult, strings: LocatorStrings): MapPoint[] {
  return [
    {
      id: 'place',
      kind: 'place',
      latitude: result.place.latitude,
      longitude: result.place.longitude,
      label: strings.mapPlace(result.place.label),
    },
    ...result.items.map((item, i) => ({
      id: String(i + 1),
      kind: 'service' as const,
      latitude: item.directions.latitude,
      longitude: item.directions.longitude,
      text: String(i + 1),
      label: strings.mapResult(i + 1, item.serviceName, item.organizationName, strings.distance(item.distanceMiles)),
    })),
  ];
}

/**
 * The results on a map beside the list (MapLibre GL; the network's area boundaries, no tile server
 * unless a basemap is configured). Each result is a numbered button: choosing it moves the focus to
 * that result in the list, which is the accessible equivalent. Without WebGL nothing is drawn and the
 * list stands alone.
 */
export function LocatorResultsMap({ result, strings, listId }: { result: LocatorSearchResult; strings: LocatorStrings; listId: string }) {
  const client = useApi();
  const [drawable] = useState(hasWebGl);
  const map = useApiData(() => (drawable ? client.getLocatorMap().catch(() => null) : Promise.resolve(null)), [drawable]);
  const points = useMemo(() => resultPoints(result, strings), [result, strings]);
  if (!drawable || map.isLoading || result.items.length === 0) return null;
  const focusResult = (id: string) => {
    const target = document.getElementById(resultAnchorId(Number(id)));
    if (!target) return;
    target.scrollIntoView({ block: 'nearest' });
    target.querySelector<HTMLElement>('h3 a')?.focus();
  };
  return (
    <div className="locator-map">
      <AreaMap
        className="locator-area-map"
        boundaries={map.data?.boundaries ?? null}
        points={points}
        fit="points"
        styleUrl={map.data?.styleUrl ?? null}
        label={strings.mapLabel}
        describedBy={listId}
        onPointClick={(id) => (id === 'place' ? undefined : focusResult(id))}
      />
      <p className="locator-map-legend">{strings.mapLegend}</p>
    </div>
  );
}
