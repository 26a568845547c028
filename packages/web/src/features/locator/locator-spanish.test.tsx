import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aLocatorWorld, renderLocator } from './locator-test-support.tsx';

describe('LocatorPage in Spanish', () => {
  it('renders every word, taxonomy label and badge in Spanish and marks the page as Spanish', async () => {
    const { client } = aLocatorWorld();
    renderLocator(client, '/find?lang=es&zip=97104&radius=10&medication=METH,BU');
    expect(await screen.findByRole('heading', { level: 1, name: 'Encontrar tratamiento y apoyo' })).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe('Se encontraron 2 servicios a menos de 10 millas de 97104 · Alder Falls.'),
    );
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByLabelText('Código postal o ciudad')).toBeTruthy();
    expect((screen.getByLabelText('Buprenorfina') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Encontrar naloxona y servicios de reducción de daños' })).toBeTruthy();
    expect(within(screen.getByRole('complementary', { name: 'Ayuda urgente' })).getByRole('link', { name: '988' })).toBeTruthy();

    const clinic = screen.getByRole('article', { name: 'Walk-in buprenorphine clinic' });
    expect(within(clinic).getByText('a 2.4 millas')).toBeTruthy();
    expect(within(clinic).getByText('Acepta personas nuevas')).toBeTruthy();
    expect(within(clinic).getByText('3 cupos disponibles')).toBeTruthy();
    expect(within(clinic).getByText('Actualizado hace 2 horas')).toBeTruthy();
    expect(within(clinic).getByText('Sin cita')).toBeTruthy();
    expect(within(clinic).getByText('Ofrece:').parentElement?.textContent).toBe(
      'Ofrece: Buprenorfina · Inicio de medicamento el mismo día · Ambulatorio',
    );
    expect(within(clinic).getByText('Formas de pago:').parentElement?.textContent).toBe(
      'Formas de pago: Medicaid · Sin seguro / tarifa escalonada',
    );
    expect(within(clinic).getByRole('link', { name: 'Cómo llegar a Walk-in buprenorphine clinic' })).toBeTruthy();

    const stale = screen.getByRole('article', { name: 'Methadone program' });
    expect(within(stale).getByText('No confirmado recientemente')).toBeTruthy();
    expect(within(stale).getByText('Última actualización hace 3 días')).toBeTruthy();
  });

  it('switches language with a link that keeps the search', async () => {
    const { client } = aLocatorWorld();
    const { user, currentUrl } = renderLocator(client, '/find?zip=97104&medication=BU');
    await user.click(await screen.findByRole('link', { name: 'Ver esta página en español' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Encontrar tratamiento y apoyo' })).toBeTruthy();
    expect(Object.fromEntries(currentUrl().searchParams)).toEqual({ zip: '97104', medication: 'BU', lang: 'es' });
    expect(screen.getByRole('link', { name: 'View this page in English' }).getAttribute('lang')).toBe('en');
  });

  it('has a Spanish short address that opens the locator in Spanish', async () => {
    const { client } = aLocatorWorld();
    const { currentUrl } = renderLocator(client, '/encontrar');
    expect(await screen.findByRole('heading', { level: 1, name: 'Encontrar tratamiento y apoyo' })).toBeTruthy();
    expect(currentUrl().pathname).toBe('/find');
  });
});
