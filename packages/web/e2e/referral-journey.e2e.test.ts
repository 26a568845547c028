import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoAdmin, launchChromium, openPage, screenshot } from './browser.ts';
import { addDays } from '@continuum/contracts';
import { injectAxe } from './axe.ts';

/*
 * Closing the loop: an ED clinician refers a person to a buprenorphine clinic. No consent covers the
 * clinic yet, so the composer leads to consent capture and back; the referral goes out with its
 * required answer, document and warm handoff. Clinic staff acknowledge, accept, schedule, mark
 * attended and complete it, and the clinician sees "Completed" in their referrals.
 *
 * The pathway, the clinic's staff member and the person are created in the test through the API, so
 * the journey does not depend on what the demo generator happens to hold.
 */
const baseUrl = inject('baseUrl');
const runId = Date.now().toString(36);
const pathwayName = `ED to same-day buprenorphine ${runId}`;
const givenName = 'Rowan';
const familyName = `Ellery${runId.replace(/[0-9]/g, '')}`;
const fullName = `${givenName} ${familyName}`;
const clinicStaff = { email: `intake-${runId}@example.org`, displayName: 'Mara Intake', password: `Referral-journey-${runId}-pass!` };
const clinicianEmail = 'clinician@demo.continuum.example';

let browser: Browser;
let clinician: Page;
let clinic: Page;
let clinicName = '';
let serviceName = '';
let personId = '';
let referralPath = '';

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

async function signInAs(page: Page, email: string, password = demoAdmin.password): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** WCAG 2 A/AA violations axe-core finds on the page, as "rule: selector" lines. */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await injectAxe(page);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}

/** JSON over the page's session (cookie + CSRF header), failing loudly on any error status. */
async function api<T = unknown>(request: APIRequestContext, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const session = (await (await request.get('/api/auth/session')).json()) as { csrfToken: string };
  const response = await request.fetch(path, {
    method,
    headers: { 'x-csrf-token': session.csrfToken },
    ...(body === undefined ? {} : { data: body }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  browser = await launchChromium();
  const admin = await openPage(browser, baseUrl);
  await signInAs(admin, demoAdmin.email);
  // The receiving clinic: a same-day buprenorphine practice in the demo community, and its buprenorphine service.
  const orgs = (
    await api<{ items: { id: string; name: string }[] }>(
      admin.request,
      'GET',
      '/api/admin/organizations?q=Lighthouse%20Bridge%20Clinic&limit=5',
    )
  ).items;
  const clinicOrg = orgs[0]!;
  clinicName = clinicOrg.name;
  const listings = (
    await api<{ items: { id: string }[] }>(admin.request, 'GET', `/api/directory/organizations?memberOrganizationId=${clinicOrg.id}`)
  ).items;
  const services = (
    await Promise.all(
      listings.map(
        async (l) =>
          (
            await api<{ items: { id: string; name: string; codes: string[] }[] }>(
              admin.request,
              'GET',
              `/api/directory/organizations/${l.id}/services`,
            )
          ).items,
      ),
    )
  ).flat();
  const bup = services.find((s) => s.codes.includes('BU'))!;
  serviceName = bup.name;
  await api(admin.request, 'POST', '/api/referral-pathways', {
    name: pathwayName,
    referrerOrganizationTypes: ['emergency_department'],
    receiverOrganizationId: clinicOrg.id,
    serviceIds: [bup.id],
    inclusionCriteria: [{ key: 'oud', text: 'Opioid use disorder, moderate or severe' }],
    exclusionCriteria: [{ key: 'no_admission', text: 'Needs hospital admission' }],
    requiredFields: [{ key: 'ed_dose', label: 'Buprenorphine dose given in the ED', type: 'text' }],
    requiredDocuments: [{ key: 'discharge', label: 'ED discharge summary' }],
    ackHours: 4,
    firstContactDays: 2,
    warmHandoffExpected: true,
    receiverContact: { name: 'Intake desk', phone: '555-0142' },
    activeFrom: '2026-01-01',
  });
  await api(admin.request, 'POST', '/api/admin/users', { ...clinicStaff, organizationId: clinicOrg.id, roles: ['clinician'] });
  await admin.context().close();

  clinician = await openPage(browser, baseUrl);
  await signInAs(clinician, clinicianEmail);
  personId = (
    await api<{ id: string }>(clinician.request, 'POST', '/api/people', {
      givenName,
      familyName,
      birthDate: '1988-09-14',
      sex: 'unknown',
      confirmNoDuplicate: true,
    })
  ).id;
  clinic = await openPage(browser, baseUrl);
});

afterAll(async () => {
  await browser?.close();
});

describe('referral journey: ED to a buprenorphine clinic, and back', () => {
  it('the ED clinician chooses the clinic from ranked suggestions and is led to record the person’s consent first', async () => {
    await clinician.goto(`/people/${personId}`);
    await heading(clinician, fullName).waitFor();
    await clinician.getByRole('link', { name: 'Refer', exact: true }).click();
    await heading(clinician, `Refer ${fullName}: choose a service`).waitFor();
    await clinician.getByLabel('Buprenorphine', { exact: true }).check();
    const card = clinician.getByRole('list', { name: 'Suggested services' }).getByRole('listitem').filter({ hasText: pathwayName });
    await card.waitFor();
    expect(await card.getByRole('table', { name: 'Why this rank' }).textContent()).toContain('Pathway fit');
    expect(await card.textContent()).toContain('Consent needed');
    await screenshot(clinician, 'referral-suggestions');
    expect(await accessibilityViolations(clinician)).toEqual([]);
    await card.getByRole('button', { name: `Refer to ${serviceName} at ${clinicName}, pathway “${pathwayName}”` }).click();

    await heading(clinician, `Refer ${fullName}: details`).waitFor();
    const notice = clinician.getByRole('alert').filter({ hasText: 'The person’s consent is needed first' });
    expect(await notice.textContent()).toContain('nothing has been sent');
    await notice.getByRole('button', { name: 'Record the person’s consent' }).click();

    await heading(clinician, 'New consent').waitFor();
    const recipients = clinician.getByRole('group', { name: 'Organizations that may receive the information' });
    expect(await recipients.getByLabel(clinicName).isChecked()).toBe(true);
    expect(await clinician.getByRole('group', { name: 'What information' }).getByLabel('Referrals and appointments').isChecked()).toBe(
      true,
    );
    await clinician
      .getByLabel('The information, in the person’s words')
      .fill('My referral for buprenorphine treatment and my appointments.');
    await clinician.getByLabel('End date').fill(addDays(Date.now(), 365).toISOString().slice(0, 10));
    await clinician.getByRole('button', { name: 'Save draft and continue to signing' }).click();
    await heading(clinician, `Consent of ${fullName}`).waitFor();
    await clinician.getByLabel('Name of the person signing').fill(fullName);
    await clinician.getByLabel('How the person signs').selectOption('attested');
    await clinician.getByLabel(/The person read this form/).check();
    await clinician.getByRole('button', { name: 'Sign consent' }).click();
    await clinician.getByText('Consent signed. Print a copy for the person.').waitFor();
    await clinician.getByRole('link', { name: 'Continue the referral' }).click();
    await heading(clinician, `Refer ${fullName}: details`).waitFor();
  });

  it('sends the referral with what the pathway requires, a document and the warm handoff', async () => {
    await clinician.getByLabel('Applies: Opioid use disorder, moderate or severe').check();
    await clinician.getByLabel('Does not apply: Needs hospital admission').check();
    await clinician.getByLabel('Buprenorphine dose given in the ED').fill('16 mg sublingual at 09:40');
    await clinician.getByLabel('Urgency').selectOption('same_day');
    await clinician
      .getByLabel('Reason for the referral')
      .fill('Person with OUD started buprenorphine in the ED and wants to continue today.');
    await clinician.getByLabel('ED discharge summary (required)').setInputFiles({
      name: 'discharge.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('ED discharge summary: buprenorphine 16 mg given; no complications.\n'),
    });
    await clinician.getByText('discharge.txt · 67 bytes · ready to attach').waitFor();
    await clinician.getByLabel('How', { exact: true }).selectOption('phone');
    await clinician.getByLabel('Handoff time').fill('2026-11-23T10:15');
    await clinician.getByLabel('Staff receiving').fill('Mara Intake');
    await screenshot(clinician, 'referral-composer');
    expect(await accessibilityViolations(clinician)).toEqual([]);
    await clinician.getByRole('button', { name: 'Send referral' }).click();

    await heading(clinician, `Referral for ${fullName}`).waitFor();
    await clinician.getByText('Referral sent. The receiving organization has been notified.').waitFor();
    referralPath = new URL(clinician.url()).pathname;
    expect(referralPath).toMatch(/^\/referrals\/[0-9a-f-]{36}$/);
    expect(await clinician.locator('.referral-status').textContent()).toContain('Sent');
    expect(await clinician.getByRole('list', { name: 'Attached files' }).textContent()).toContain('discharge.txt');
    const handoff = await clinician.getByRole('region', { name: 'Warm handoff' }).textContent();
    expect(handoff).toContain('Phone');
    expect(handoff).toContain('Mara Intake');
  });

  it('clinic staff find it in their inbox, acknowledge, accept, schedule, mark attended and complete it', async () => {
    await signInAs(clinic, clinicStaff.email, clinicStaff.password);
    await clinic.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Referrals' }).click();
    await heading(clinic, 'Referral inbox').waitFor();
    const row = clinic.getByRole('row').filter({ has: clinic.getByRole('link', { name: fullName }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Due in');
    await screenshot(clinic, 'referral-inbox');
    expect(await accessibilityViolations(clinic)).toEqual([]);
    await row.getByRole('button', { name: `Actions for the referral of ${fullName}` }).click();
    const actions = clinic.getByRole('group', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Acknowledge' }).click();
    await clinic.getByRole('form', { name: 'Acknowledge' }).getByRole('button', { name: 'Acknowledge' }).click();
    await clinic.getByText(`Referral for ${fullName}: Acknowledged.`).waitFor();

    await clinic.getByRole('link', { name: fullName }).click();
    await heading(clinic, `Referral for ${fullName}`).waitFor();
    const step = async (action: string, fill?: () => Promise<void>, status?: string) => {
      await clinic.getByRole('group', { name: 'Actions' }).getByRole('button', { name: action, exact: true }).click();
      const form = clinic.getByRole('form', { name: action });
      if (fill) await fill();
      await form.getByRole('button', { name: action, exact: true }).click();
      await clinic.getByText(`Saved: ${status}.`).waitFor();
      await clinic.locator('.referral-status').getByText(status!, { exact: true }).waitFor();
    };
    await step('Accept', undefined, 'Accepted');
    await step('Schedule', () => clinic.getByLabel('Appointment time').fill('2026-11-23T15:30'), 'Scheduled');
    await step('Mark attended', undefined, 'Attended');
    await step(
      'Complete',
      () => clinic.getByLabel('Outcome').fill('Continued buprenorphine 16 mg daily; follow-up booked in one week.'),
      'Completed',
    );
    expect(await clinic.locator('.referral-status').textContent()).toContain('Completed');
    const history = clinic.getByRole('list', { name: 'Referral history' });
    for (const text of [
      'Acknowledge → Acknowledged',
      'Accept → Accepted',
      'Schedule → Scheduled',
      'Mark attended → Attended',
      'Complete → Completed',
    ]) {
      expect(await history.textContent()).toContain(text);
    }
    expect(await clinic.getByText('No actions are open to you on this referral.').count()).toBe(1);
    await screenshot(clinic, 'referral-completed');
    expect(await accessibilityViolations(clinic)).toEqual([]);
  });

  it('the ED clinician sees "Completed" in their referrals, and the referral on the person’s timeline', async () => {
    await clinician.getByRole('navigation', { name: 'Referrals' }).getByRole('link', { name: 'My referrals' }).click();
    await heading(clinician, 'My referrals').waitFor();
    await clinician.getByLabel('Status').selectOption('all');
    const row = clinician.getByRole('row').filter({ has: clinician.getByRole('link', { name: fullName }) });
    await row.waitFor();
    await row.getByText('Completed').waitFor();

    await clinician.goto(`/people/${personId}`);
    const timeline = clinician.getByRole('list', { name: 'Timeline entries' });
    await timeline.waitFor();
    // The clinic's own entries about the person are its records (Part 2) and need a consent naming the ED; the ED's entry is its own.
    await timeline.getByText(`Referral sent: ${serviceName}`).waitFor();
    expect(await timeline.getByRole('link', { name: 'Open the referral' }).first().getAttribute('href')).toBe(referralPath);
  });
});
