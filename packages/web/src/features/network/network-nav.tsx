import { NavLink } from 'react-router-dom';

/** The network pages' own navigation. */
export function NetworkNav() {
  return (
    <nav aria-label="Running the network" className="network-nav">
      <NavLink to="/network/agreements" end={false}>
        Agreements
      </NavLink>
      <NavLink to="/network/training">Training</NavLink>
      <NavLink to="/network/scorecards">Partner scorecards</NavLink>
    </nav>
  );
}
