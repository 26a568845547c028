import { weeklyHours } from './locator-format.ts';
import type { LocatorStrings } from './locator-strings.ts';

interface HoursListProps {
  hours: readonly { dayOfWeek: number; opensAt: string; closesAt: string }[];
  strings: LocatorStrings;
}

/** The week's hours as a description list; nothing when the listing has none. */
export function HoursList({ hours, strings }: HoursListProps) {
  if (hours.length === 0) return <p className="muted">{strings.hoursNotListed}</p>;
  return (
    <dl className="hours-list">
      {weeklyHours(hours, strings).map((row) => (
        <div key={row.day} className="hours-row">
          <dt>{row.day}</dt>
          <dd>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}
