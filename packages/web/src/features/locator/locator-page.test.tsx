import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accessibleDescription } from '../../test-support/accessible-description.ts';
import { aLocatorWorld, renderLocator } from './locator-test-support.tsx';

const resultHeadings = () =>
  within(screen.getByRole('list', { name: 'Results' }))
    .queryAllByRole('heading', { level: 3 })
    .map((heading) => heading.textContent);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('LocatorPage (public, no sign-in)', () => {
  it('opens at /find for someone who is not signed in, with the urgent-help numbers and the one-tap naloxone button', async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find');
    expect(await screen.findByRole('heading', { level: 1, name: 'Find treatment and support' })).toBeTruthy();
    const urgent = screen.getByRole('complementary', { name: 'Urgent help' });
    expect(within(urgent).getByRole('link', { name: '988' }).getAttribute('href')).toBe('tel:988');
    expect(within(urgent).getByRole('link', { name: '911' }).getAttribute('href')).toBe('tel:911');
    expect(screen.getByRole('button', { name: 'Find naloxone and harm-reduction sites' })).toBeTruthy();
    expect(screen.getByRole('search', { name: 'Search for services' })).toBeTruthy();
    expect(client.locator.locatorQueries).toEqual([]);
  });

  it('is linked from the sign-in page', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/login');
    await user.click(await screen.findByRole('link', { name: 'find treatment and naloxone near you' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Find treatment and support' })).toBeTruthy();
    expect(currentUrl().pathname).toBe('/find');
  });

  it('puts the place, distance and filters in the URL and lists results nearest first, announcing the count', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/find');
    await user.type(await screen.findByLabelText('ZIP code or town'), '97104');
    await user.selectOptions(screen.getByLabelText('Distance'), 'Within 25 miles');
    await user.click(screen.getByLabelText('Buprenorphine'));
    await user.click(screen.getByLabelText('Walk-in (no appointment needed)'));
    await user.click(screen.getByText(/^More filters/));
    await user.click(screen.getByLabelText('Medicaid'));
    await user.click(screen.getByRole('button', { name: 'Search' }));

    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('1 service found within 25 miles of 97104 · Alder Falls.'));
    const url = currentUrl();
    expect(url.pathname).toBe('/find');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      zip: '97104',
      radius: '25',
      medication: 'BU',
      payment: 'MD',
      walkIn: 'true',
      lang: 'en',
    });
    expect(client.locator.locatorQueries.at(-1)).toEqual({ zip: '97104', radius: '25', medication: 'BU', payment: 'MD', walkIn: 'true' });
    expect(resultHeadings()).toEqual(['Walk-in buprenorphine clinic']);

    await user.click(screen.getByLabelText('Medicaid'));
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(resultHeadings()).toEqual(['Walk-in buprenorphine clinic', 'Telehealth buprenorphine']));
  });

  it('restores the form from a shared URL and searches with it, ignoring codes it does not know', async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find?town=Alder%20Falls&radius=10&medication=METH,BU,NOPE&hasCapacity=false&payment=MD');
    await screen.findByText('2 services found within 10 miles of Alder Falls.');
    expect((screen.getByLabelText('ZIP code or town') as HTMLInputElement).value).toBe('Alder Falls');
    expect((screen.getByLabelText('Methadone') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Buprenorphine') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Medicaid') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Has openings now') as HTMLInputElement).checked).toBe(false);
    expect(client.locator.locatorQueries).toEqual([{ town: 'Alder Falls', radius: '10', medication: 'METH,BU', payment: 'MD' }]);
    expect(resultHeadings()).toEqual(['Walk-in buprenorphine clinic', 'Methadone program']);
  });

  it('shows distance, current capacity with its age, and stale capacity as "not confirmed recently" without counts', async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find?zip=97104&radius=10&medication=METH,BU');
    const fresh = await screen.findByRole('article', { name: 'Walk-in buprenorphine clinic' });
    expect(within(fresh).getByText('2.4 miles away')).toBeTruthy();
    expect(within(fresh).getByText('Accepting new people')).toBeTruthy();
    expect(within(fresh).getByText('3 slots open')).toBeTruthy();
    expect(within(fresh).getByText('Updated 2 hours ago')).toBeTruthy();

    const stale = screen.getByRole('article', { name: 'Methadone program' });
    expect(within(stale).getByText('7.9 miles away')).toBeTruthy();
    expect(within(stale).getByText('Not confirmed recently')).toBeTruthy();
    expect(within(stale).getByText('Last update 3 days ago')).toBeTruthy();
    expect(within(stale).queryByText(/4 slots/)).toBeNull();
    expect(within(stale).queryByText('Accepting new people')).toBeNull();

    expect(within(stale).getByRole('link', { name: 'Call (555) 010-3000' }).getAttribute('href')).toBe('tel:+15550103000');
    expect(within(stale).getByRole('link', { name: 'Directions to Methadone program' }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions/,
    );
    expect(within(stale).getByText('Offers:').parentElement?.textContent).toBe('Offers: Methadone · Opioid treatment program');
  });

  it('folds the filters away once there are results, saying how many are on', async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find?zip=97104&medication=BU&walkIn=true');
    await screen.findByRole('article', { name: 'Walk-in buprenorphine clinic' });
    const summary = screen.getByText('Filters (2 on)');
    expect(summary.closest('details')?.open).toBe(false);
  });

  it('shows more results on request, and a new search starts again from the nearest', { timeout: 30_000 }, async () => {
    const { client } = aLocatorWorld();
    for (let index = 0; index < 60; index += 1) {
      client.locator.addLocatorResult({ serviceName: `Peer support ${index + 1}`, codes: ['PEER'], distanceMiles: 3 + index / 100 });
    }
    const { user, currentUrl } = renderLocator(client, '/find?zip=97104');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        '63 services found within 10 miles of 97104 · Alder Falls. Showing the 50 nearest.',
      ),
    );
    expect(resultHeadings()).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Show more results' }));
    await waitFor(() => expect(resultHeadings()).toHaveLength(63));
    expect(currentUrl().searchParams.get('limit')).toBe('100');
    expect(screen.queryByRole('button', { name: 'Show more results' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => expect(currentUrl().searchParams.get('limit')).toBeNull());
    await waitFor(() => expect(resultHeadings()).toHaveLength(50));
  });

  it('clears the filters but keeps the place and distance', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/find?zip=97104&radius=25&medication=BU&payment=MD&walkIn=true');
    await screen.findByRole('article', { name: 'Walk-in buprenorphine clinic' });
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ zip: '97104', radius: '25', lang: 'en' }));
    await waitFor(() => expect(resultHeadings()).toHaveLength(4));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
  });

  it('finds naloxone and harm-reduction sites in one tap, near the place already typed', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/find?zip=97104&medication=BU');
    await screen.findByRole('article', { name: 'Walk-in buprenorphine clinic' });
    await user.click(screen.getByRole('button', { name: 'Find naloxone and harm-reduction sites' }));
    await screen.findByRole('article', { name: 'Naloxone and syringe services' });
    expect(resultHeadings()).toEqual(['Naloxone and syringe services']);
    expect(currentUrl().searchParams.get('harmReduction')).toBe('NALOXONE,SSP,FTS,DRUG_CHECK');
    expect(currentUrl().searchParams.get('medication')).toBeNull();
  });

  it('searches near the browser location, with coordinates rounded in the URL', async () => {
    const { client } = aLocatorWorld();
    vi.stubGlobal('navigator', {
      ...navigator,
      language: 'en-US',
      geolocation: {
        getCurrentPosition: (success: PositionCallback) =>
          success({ coords: { latitude: 45.512345, longitude: -122.654321 } } as GeolocationPosition),
      },
    });
    const { user, currentUrl } = renderLocator(client, '/find');
    await user.click(await screen.findByRole('button', { name: 'Use my location' }));
    await screen.findByText('3 services found within 10 miles of Your location.');
    expect(currentUrl().searchParams.get('lat')).toBe('45.512');
    expect(currentUrl().searchParams.get('lon')).toBe('-122.654');
    expect(screen.getByText('Searching near your location.')).toBeTruthy();
  });

  it('says clearly when location sharing is refused, and searches nothing', async () => {
    const { client } = aLocatorWorld();
    vi.stubGlobal('navigator', {
      ...navigator,
      language: 'en-US',
      geolocation: {
        getCurrentPosition: (_success: PositionCallback, failure: PositionErrorCallback) =>
          failure({ code: 1, PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3, message: 'denied' } as GeolocationPositionError),
      },
    });
    const { user } = renderLocator(client, '/find');
    await user.click(await screen.findByRole('button', { name: 'Use my location' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Location sharing is turned off for this page');
    expect(client.locator.locatorQueries).toEqual([]);
  });

  it("suggests the network's towns while typing", async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find');
    const place = await screen.findByLabelText('ZIP code or town');
    await waitFor(() => expect(place.getAttribute('list')).toBe('locator-towns'));
    expect([...document.querySelectorAll('#locator-towns option')].map((option) => option.getAttribute('value'))).toEqual(['Alder Falls']);
  });

  it('names the place field when the ZIP code is malformed or unknown', async () => {
    const { client } = aLocatorWorld();
    const { user } = renderLocator(client, '/find');
    const place = await screen.findByLabelText('ZIP code or town');
    await user.type(place, '9710');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(accessibleDescription(place)).toContain('Enter a 5-digit ZIP code');
    expect(place.getAttribute('aria-invalid')).toBe('true');
    expect(client.locator.locatorQueries).toEqual([]);

    await user.type(place, '9');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() =>
      expect(accessibleDescription(screen.getByLabelText('ZIP code or town'))).toContain('We could not find that ZIP code or town'),
    );
    expect(screen.getByRole('status').textContent).toContain('We could not find that ZIP code or town');
  });

  it('keeps the search when opening a service and coming back', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/find?zip=97104&medication=BU');
    await user.click(await screen.findByRole('link', { name: 'Details for Walk-in buprenorphine clinic' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Walk-in buprenorphine clinic' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Where' })).toBeTruthy();
    // Checked more than 90 days ago: the page says so, and to call first.
    expect(screen.getByText('Listing last checked by the provider on February 20, 2026. Call before you go.')).toBeTruthy();
    const hours = screen.getByText('Monday').closest('div');
    expect(hours?.textContent).toBe('Monday8:00 AM – 5:00 PM');
    await user.click(screen.getByRole('link', { name: 'Back to results' }));
    await screen.findByRole('article', { name: 'Walk-in buprenorphine clinic' });
    expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ zip: '97104', medication: 'BU' });
  });
});
