import type { LinkSide } from '@continuum/contracts';
import { NavLink } from 'react-router-dom';

export function PersonIndexTabs() {
  return (
    <nav aria-label="Person index review" className="filters">
      <NavLink to="/person-index" end>
        Pairs to review
      </NavLink>{' '}
      <NavLink to="/person-index/history">Merge history</NavLink>
    </nav>
  );
}

/** One side of a pair in a line: the person as the reviewer may see them, or only the label the server gave. */
export function sideText(side: LinkSide): string {
  if (!side.person) return side.label;
  const p = side.person;
  return `${p.givenName} ${p.familyName}, born ${p.birthDate}`;
}
