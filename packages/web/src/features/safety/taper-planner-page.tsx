import { taperIngredients, type PersonSafety } from '@continuum/contracts';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { PageHeading } from '../../ui/page-heading.tsx';
import { TaperPlanner } from './taper-planner.tsx';

/** A starting point from the address (`?ingredient=oxycodone&dailyMg=40&dosesPerDay=2`), as CDS Hooks cards link to it; null when incomplete. */
export function suggestionFromParams(params: URLSearchParams): PersonSafety['taperSuggestion'] {
  const ingredient = params.get('ingredient');
  const dailyMg = Number(params.get('dailyMg'));
  const dosesPerDay = Number(params.get('dosesPerDay'));
  if (!ingredient || !(taperIngredients as readonly string[]).includes(ingredient)) return null;
  if (!(dailyMg > 0) || !Number.isInteger(dosesPerDay) || dosesPerDay < 1 || dosesPerDay > 8) return null;
  return { ingredient: ingredient as (typeof taperIngredients)[number], currentDailyMg: dailyMg, dosesPerDay };
}

/** The taper planner on its own page (/prescribing-safety/taper), the target of the "Plan a taper" link on CDS Hooks cards. */
export function TaperPlannerPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  return (
    <>
      <PageHeading title="Taper planner" description="A taper schedule in doses the tablet strengths make, with the MME at each step." />
      <TaperPlanner suggestion={suggestionFromParams(params)} onClose={() => navigate('/prescribing-safety')} />
    </>
  );
}
