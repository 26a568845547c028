import type { CapacityBadge as CapacityBadgeData } from '@continuum/contracts';
import { Badge } from '../../ui/badge.tsx';
import { capacityDisplay } from './locator-format.ts';
import type { LocatorLanguage, LocatorStrings } from './locator-strings.ts';

/** Live capacity with its age; stale capacity says "not confirmed recently" and shows no counts. */
export function CapacityBadge({
  capacity,
  lang,
  strings,
}: {
  capacity: CapacityBadgeData | null;
  lang: LocatorLanguage;
  strings: LocatorStrings;
}) {
  if (!capacity) {
    return (
      <p className="capacity">
        <Badge>{strings.capacityNotReported}</Badge>
      </p>
    );
  }
  const display = capacityDisplay(capacity, lang, strings);
  return (
    <p className={display.isStale ? 'capacity capacity-stale' : 'capacity'}>
      <Badge tone={display.tone}>{display.label}</Badge>
      {display.detail ? <span className="capacity-detail">{display.detail}</span> : null}
      <span className="capacity-age">{display.age}</span>
    </p>
  );
}
