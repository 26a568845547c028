import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, signedInWith } from '../../test-support/render-app.tsx';
import { suggestionFromParams } from './taper-planner-page.tsx';

describe('suggestionFromParams', () => {
  it.each([
    ['ingredient=oxycodone&dailyMg=40&dosesPerDay=2', { ingredient: 'oxycodone', currentDailyMg: 40, dosesPerDay: 2 }],
    ['ingredient=methadone&dailyMg=40&dosesPerDay=2', null],
    ['ingredient=oxycodone&dailyMg=-1&dosesPerDay=2', null],
    ['ingredient=oxycodone&dailyMg=40&dosesPerDay=9', null],
    ['', null],
  ])('%s', (query, expected) => {
    expect(suggestionFromParams(new URLSearchParams(query))).toEqual(expected);
  });
});

describe('TaperPlannerPage', () => {
  it('opens at /prescribing-safety/taper with the regimen from a CDS Hooks card link', async () => {
    const { client } = signedInWith(['clinician']);
    renderApp(client, '/prescribing-safety/taper?ingredient=hydrocodone&dailyMg=30&dosesPerDay=3');
    expect(await screen.findByRole('heading', { level: 1, name: 'Taper planner' })).toBeTruthy();
    expect((screen.getByLabelText('Opioid') as HTMLSelectElement).value).toBe('hydrocodone');
    expect((screen.getByLabelText(/Current total dose/) as HTMLInputElement).value).toBe('30');
    expect((screen.getByLabelText('Doses a day') as HTMLInputElement).value).toBe('3');
  });
});
