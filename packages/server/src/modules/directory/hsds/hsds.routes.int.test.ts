import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test-support/test-app.ts';
import { systemAccess } from '../../../core/access-context.ts';
import { createFixtureService, northOf } from '../directory.fixtures.ts';
import { importHsds } from './hsds-import.ts';
import { HSDS_EXAMPLES_DIR, validateHsds } from './hsds-schemas.ts';
import { continuumTermId } from './hsds-taxonomy.ts';

const HARBOR = { latitude: 44.41, longitude: -123.05 };
let t: TestApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  await t.db
    .insertInto('areas')
    .values({
      id: 'a-97101',
      name: 'Downtown',
      town: 'Harbor City',
      postal_code: '97101',
      latitude: HARBOR.latitude,
      longitude: HARBOR.longitude,
      population: 1,
    })
    .execute();
  const example = JSON.parse(fs.readFileSync(path.join(HSDS_EXAMPLES_DIR, 'organization_full.json'), 'utf8')) as unknown;
  const report = await importHsds(t.db, t.clock, systemAccess('test'), [{ name: 'organization_full.json', value: example }]);
  expect(report.ok).toBe(true);
  ids.near = (await createFixtureService(t.db, t.clock, { name: 'Near clinic', at: northOf(HARBOR, 1), codes: ['BU', 'MD'] })).service.id;
  ids.far = (
    await createFixtureService(t.db, t.clock, { name: 'Far clinic', at: northOf(HARBOR, 20), codes: ['METH'], postalCode: '97102' })
  ).service.id;
});
afterAll(() => t.close());

const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
};

describe('HSDS API (public, Page envelope)', () => {
  it('lists services as valid service_full objects, paged', async () => {
    const { status, body } = await get('/hsds/services?per_page=2&page=1');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    for (const s of body.contents) expect(validateHsds('service', s)).toEqual([]);
    const second = await get('/hsds/services?per_page=2&page=2');
    expect(second.body).toMatchObject({ size: 1, last_page: true });
  });

  it('filters services by a Continuum taxonomy term and by search', async () => {
    const byTerm = await get(`/hsds/services?taxonomy_term_id=${continuumTermId('BU')}`);
    expect(byTerm.body.contents.map((s: { name: string }) => s.name)).toEqual(['Near clinic']);
    const bySearch = await get('/hsds/services?search=far');
    expect(bySearch.body.contents.map((s: { name: string }) => s.name)).toEqual(['Far clinic']);
  });

  it('returns one service and one organization in the full shapes; 404 for unknown ids', async () => {
    const service = await get(`/hsds/services/${ids.near}`);
    expect(service.status).toBe(200);
    expect(validateHsds('service', service.body)).toEqual([]);
    expect(service.body.attributes.map((a: { taxonomy_term: { code: string } }) => a.taxonomy_term.code)).toEqual(['BU', 'MD']);
    const organizations = await get('/hsds/organizations');
    expect(organizations.body.total_items).toBe(3);
    const org = await get(`/hsds/organizations/${organizations.body.contents[0].id}`);
    expect(validateHsds('organization', org.body)).toEqual([]);
    expect((await get('/hsds/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/hsds/organizations/not-an-id')).status).toBe(404);
  });

  it('finds services at locations by postcode, and within a proximity of the postcode', async () => {
    const byPostcode = await get('/hsds/service_at_locations?postcode=97102');
    expect(byPostcode.body.contents.map((c: { service: { name: string } }) => c.service.name)).toEqual(['Far clinic']);
    for (const c of byPostcode.body.contents) expect(validateHsds('service_at_location', c)).toEqual([]);
    const near = await get('/hsds/service_at_locations?postcode=97101&proximity=5000');
    expect(near.body.contents.map((c: { service: { name: string } }) => c.service.name)).toEqual(['Near clinic']);
    const wide = await get('/hsds/service_at_locations?postcode=97101&proximity=40000');
    expect(wide.body.contents.map((c: { service: { name: string } }) => c.service.name)).toEqual(['Near clinic', 'Far clinic']);
    const noPostcode = await get('/hsds/service_at_locations?proximity=5000');
    expect(noPostcode.status).toBe(400);
  });

  it('lists taxonomies and terms, Continuum’s included', async () => {
    const taxonomies = await get('/hsds/taxonomies');
    expect(taxonomies.body.contents.map((t: { name: string }) => t.name)).toContain('Continuum OUD care');
    for (const tx of taxonomies.body.contents) expect(validateHsds('taxonomy', tx)).toEqual([]);
    const terms = await get('/hsds/taxonomy_terms?search=buprenorphine');
    expect(terms.body.contents).toEqual([expect.objectContaining({ code: 'BU', name: 'Buprenorphine', id: continuumTermId('BU') })]);
  });
});
