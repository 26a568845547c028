import { configure, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Role } from '@continuum/contracts';
import { AppProviders } from '../../app/app-providers.tsx';
import { AppRoutes } from '../../app/app-routes.tsx';
import { signedInWith } from '../../test-support/render-app.tsx';
import { FakeLinkageApi } from './fake-api.ts';
import { LinkageApiOverride } from './api-context.tsx';

configure({ asyncUtilTimeout: 5000 });

function renderLinkage(roles: Role[], path = '/linkage') {
  const network = signedInWith(roles);
  const api = new FakeLinkageApi();
  const user = userEvent.setup({ applyAccept: false });
  render(
    <MemoryRouter initialEntries={[path]}>
      <LinkageApiOverride.Provider value={api}>
        <AppProviders client={network.client}>
          <AppRoutes />
        </AppProviders>
      </LinkageApiOverride.Provider>
    </MemoryRouter>,
  );
  return { api, user };
}

const emsFile = () =>
  new File(['rec_id,first_name,surname,dob,run_date,notes\nr1,Ana,Ruiz,1980-01-02,2025-01-05,x\n'], 'ems.csv', { type: 'text/csv' });

describe('record linkage page', () => {
  it('lets an analyst upload a mapped file, run the job with a progress bar, and read the summary and the 90-day report', async () => {
    const { api, user } = renderLinkage(['analyst']);
    await screen.findByRole('link', { name: 'Record linkage' });
    await user.type(await screen.findByLabelText('Job name'), 'Overdose deaths 2025');
    await user.click(screen.getByRole('button', { name: 'New linkage job' }));

    await user.selectOptions(await screen.findByLabelText('Source'), 'ems');
    await user.upload(screen.getByLabelText('File (CSV or NDJSON)'), emsFile());
    // Recognized names are filled in; the unknown column is left unused and can be mapped by hand.
    expect((await screen.findByLabelText<HTMLSelectElement>('Field for first_name')).value).toBe('given_name');
    expect(screen.getByLabelText<HTMLSelectElement>('Field for run_date').value).toBe('event_date');
    expect(screen.getByLabelText<HTMLSelectElement>('Field for notes').value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Add file' }));
    const files = await screen.findByRole('table', { name: 'Source files' });
    within(files).getByText('ems.csv');
    expect(api.jobs[0]!.files[0]!.map).toEqual({
      rec_id: 'record_id',
      first_name: 'given_name',
      surname: 'family_name',
      dob: 'birth_date',
      run_date: 'event_date',
    });

    await user.click(screen.getByRole('button', { name: 'Start linkage' }));
    await screen.findByRole('progressbar');
    await screen.findByRole('heading', { name: 'Summary' }, { timeout: 8000 });
    screen.getByText(/Estimated precision 97.0%, estimated recall 93.0%/);
    screen.getByRole('img', { name: 'Match-weight histogram' });
    const mu = screen.getByRole('table', { name: 'Estimated m and u per comparison level' });
    within(mu).getByText('0.820');
    expect(within(screen.getByRole('table', { name: 'People by number of records' })).getAllByText('<11')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'De-identified linked analytic file (CSV)' }).getAttribute('href')).toBe(
      `/api/linkage/jobs/${api.jobs[0]!.id}/analytic-file.csv`,
    );
    const bySource = await screen.findByRole('table', { name: 'By source' });
    within(bySource).getByText('62.5%');
    const combos = screen.getByRole('table', { name: 'By combination of sources' });
    expect(within(combos).getAllByText('suppressed')).toHaveLength(2);
  }, 30_000);

  it('shows the server’s message naming the missing column and adds nothing', async () => {
    const { api, user } = renderLinkage(['privacy_officer']);
    await user.type(await screen.findByLabelText('Job name'), 'Check');
    await user.click(screen.getByRole('button', { name: 'New linkage job' }));
    await user.upload(await screen.findByLabelText('File (CSV or NDJSON)'), emsFile());
    await user.selectOptions(await screen.findByLabelText('Field for run_date'), '');
    await user.click(screen.getByRole('button', { name: 'Add file' }));
    await screen.findByText(/missing required column event_date/);
    expect(api.jobs[0]!.files).toEqual([]);
  }, 30_000);

  it('is not offered to a clinician', async () => {
    renderLinkage(['clinician'], '/');
    await screen.findAllByRole('link', { name: 'Analytics' });
    expect(screen.queryByRole('link', { name: 'Record linkage' })).toBeNull();
  });
});
