import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Completion, Course } from '@continuum/contracts';
import { renderNetwork } from './test-helpers.tsx';

const moud: Course = {
  id: '00000000-0000-4000-8000-00000000c001',
  topic: 'moud_prescribing',
  title: 'Buprenorphine induction in the ED',
  validMonths: 24,
};
const part2: Course = {
  id: '00000000-0000-4000-8000-00000000c002',
  topic: 'part2_privacy',
  title: '42 CFR Part 2 privacy',
  validMonths: 12,
};
const completion = (over: Partial<Completion>): Completion => ({
  id: `00000000-0000-4000-8000-0000000d${String(Math.random()).slice(2, 6)}`,
  courseId: part2.id,
  courseTitle: part2.title,
  topic: 'part2_privacy',
  userId: '00000000-0000-4000-8000-00000000e001',
  userName: 'Ana Ruiz',
  completedOn: '2025-12-20',
  expiresOn: '2026-12-20',
  current: true,
  source: 'imported',
  ...over,
});

describe('the Network section: training', () => {
  it('shows coverage by organization and role with shares, what expires within 30 days, and the CSV link', async () => {
    renderNetwork(['network_admin'], '/network/training', (api) => {
      api.today = new Date().toISOString().slice(0, 10);
      api.courses = [moud, part2];
      const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      api.completions = [
        completion({ expiresOn: soon }),
        completion({ userName: 'Ben Ode', userId: '00000000-0000-4000-8000-00000000e002', expiresOn: '2099-01-01' }),
      ];
      api.coverage = [
        {
          courseId: moud.id,
          courseTitle: moud.title,
          organizationId: 'o1',
          organizationName: 'Harbor General ED',
          role: 'clinician',
          staff: 6,
          current: 3,
          share: 0.5,
        },
        {
          courseId: part2.id,
          courseTitle: part2.title,
          organizationId: 'o1',
          organizationName: 'Harbor General ED',
          role: 'clinician',
          staff: 6,
          current: 1,
          share: 1 / 6,
        },
      ];
    });
    const coverage = await screen.findByRole('table', { name: 'Training coverage' });
    const row = (await within(coverage).findByText('Buprenorphine induction in the ED')).closest('tr')!;
    expect([...row.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      'Buprenorphine induction in the ED',
      'Harbor General ED',
      'Clinician',
      '6',
      '3',
      '50%',
    ]);
    expect(within(coverage).getByText('16.7%')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download coverage (CSV)' }).getAttribute('href')).toBe('/api/network/training/coverage.csv');
    const expiring = screen.getByRole('table', { name: 'Expiring within 30 days' });
    expect(within(expiring).getByText('Ana Ruiz')).toBeTruthy();
    expect(within(expiring).queryByText('Ben Ode')).toBeNull();
  });

  it('records a completion for a chosen staff member, naming missing fields first', async () => {
    const { api, user } = renderNetwork(['org_admin'], '/network/training', (fake, network) => {
      fake.courses = [moud, part2];
      network.client.addPerson({
        email: 'ana@example.org',
        displayName: 'Ana Ruiz',
        memberships: [[network.healthDepartment, ['clinician']]],
      });
    });
    const form = await screen.findByRole('form', { name: 'Record a completion' });
    await user.click(within(form).getByRole('button', { name: 'Record completion' }));
    expect(within(form).getByRole('link', { name: /^Staff member:/ })).toBeTruthy();
    expect(api.completions).toHaveLength(0);
    await within(form).findByRole('option', { name: 'Ana Ruiz (ana@example.org)' });
    await user.selectOptions(within(form).getByLabelText('Staff member'), 'Ana Ruiz (ana@example.org)');
    await user.selectOptions(within(form).getByLabelText('Course'), moud.title);
    await user.click(within(form).getByRole('button', { name: 'Record completion' }));
    await within(form).findByText(/^Recorded: /);
    expect(api.completions).toHaveLength(1);
    expect(api.completions[0]!.courseId).toBe(moud.id);
    // The organization administrator records for their own organization: no organization to choose.
    expect(within(form).queryByLabelText('Organization')).toBeNull();
  });

  it('shows each problem of an LMS import by line and column, then imports a good file', async () => {
    const { api, user } = renderNetwork(['network_admin'], '/network/training/import', (fake) => {
      fake.importProblems = [{ path: 'csv.line3.completed_on', message: 'Expected a day as YYYY-MM-DD.' }];
    });
    await screen.findByRole('heading', { level: 1, name: 'Import training records' });
    const input = screen.getByLabelText('CSV file');
    const bad = new File(['email,course,completed_on\na@x.org,Naloxone,2026-11-01\nb@x.org,Naloxone,11/01/2026\n'], 'lms.csv', {
      type: 'text/csv',
    });
    await user.upload(input, bad);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const problems = await screen.findByRole('list', { name: 'Problems in the file' });
    expect(within(problems).getByText('Line 3, column completed_on: Expected a day as YYYY-MM-DD.')).toBeTruthy();
    screen.getByText('1 problem(s) in the file; nothing was imported.');
    expect(api.imports).toHaveLength(0);

    api.importProblems = [];
    fireEvent.change(input, { target: { files: [new File(['email,course,completed_on\na@x.org,Naloxone,2026-11-01\n'], 'lms.csv')] } });
    await user.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByText('1 completion imported.');
    expect(api.imports).toHaveLength(1);
  });

  it('turns the Part 2 training gate on only after a clear explanation and a confirmation', async () => {
    const { api, user } = renderNetwork(['network_admin'], '/network/training');
    const panel = await screen.findByRole('region', { name: 'Require Part 2 privacy training' });
    expect(panel.textContent).toContain('sees no records from Part 2 programs');
    await within(panel).findByText('Not required');
    await user.click(within(panel).getByRole('button', { name: 'Require Part 2 training' }));
    expect(api.settings.part2TrainingRequired).toBe(false);
    within(panel).getByText(/will stop seeing Part 2 records at once/);
    await user.click(within(panel).getByRole('button', { name: 'Yes, require it' }));
    await within(panel).findByText('The Part 2 training requirement is on.');
    expect(api.settings.part2TrainingRequired).toBe(true);
    await within(panel).findByText('Required');
  });

  it('shows a clinician their own training only: no coverage, no recording, no gate', async () => {
    renderNetwork(['clinician'], '/network/training', (api) => {
      api.courses = [part2];
      api.completions = [completion({ userName: 'Dana Lee' })];
    });
    await screen.findByRole('table', { name: 'Your completions' });
    expect(screen.queryByRole('table', { name: 'Training coverage' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'Record a completion' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Require Part 2 privacy training' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Import from a learning-management CSV' })).toBeNull();
  });
});
