import { describe, expect, it } from 'vitest';
import { analyzeHubs, linkBases, type HubLinkInputs, type MoudPoint } from './hubs.ts';
import type { AreaNeed } from './need.ts';

/*
 * Hubs and spokes by hand. Two areas side by side (West: longitude < 1, East: ≥ 1). Hub organization
 * H (an OTP) in West with 100 methadone slots and a buprenorphine service of 20; spokes: P (primary
 * care, buprenorphine, 30 slots over two locations, one per area), Q (office-based naltrexone in East,
 * no capacity stated) and R (a non-member listing in East, 10 slots). A pathway H ← primary care
 * links P; an agreement links Q; R has no network id and so no link.
 */

const box = (x0: number, x1: number) => [
  [x0, 0],
  [x1, 0],
  [x1, 1],
  [x0, 1],
  [x0, 0],
];
const shapes = [
  { id: 'west', latitude: 0.5, longitude: 0.5, geometry: { type: 'Polygon' as const, coordinates: [box(0, 1)] } },
  { id: 'east', latitude: 0.5, longitude: 1.5, geometry: { type: 'Polygon' as const, coordinates: [box(1, 2)] } },
];
const need = (id: string, name: string, demand: number): AreaNeed => ({
  id,
  name,
  latitude: 0.5,
  longitude: id === 'west' ? 0.5 : 1.5,
  population: demand * 50,
  oudEstimate: demand,
  overdoses: 0,
  demand,
  demandBasis: 'oud_estimate',
  overdosesShown: 0,
  overdosesSuppressed: false,
  overdoseRate: null,
});
const needs = [need('west', 'West', 200), need('east', 'East', 60)];

const point = (
  over: Partial<MoudPoint> & Pick<MoudPoint, 'serviceId' | 'codes' | 'organizationId' | 'locationId' | 'longitude' | 'capacity'>,
): MoudPoint => ({
  listingId: `listing-${over.organizationId ?? over.serviceId}`,
  organizationName: `Org ${over.organizationId ?? over.serviceId}`,
  locationName: `Location ${over.locationId}`,
  latitude: 0.5,
  ...over,
});
const points: MoudPoint[] = [
  point({ serviceId: 'h-meth', codes: ['METH', 'OTP'], organizationId: 'H', locationId: 'h1', longitude: 0.2, capacity: 100 }),
  point({ serviceId: 'h-bu', codes: ['BU'], organizationId: 'H', locationId: 'h1', longitude: 0.2, capacity: 20 }),
  point({ serviceId: 'p-bu', codes: ['BU'], organizationId: 'P', locationId: 'p1', longitude: 0.7, capacity: 15 }),
  point({ serviceId: 'p-bu', codes: ['BU'], organizationId: 'P', locationId: 'p2', longitude: 1.2, capacity: 15 }),
  point({ serviceId: 'q-nu', codes: ['NU'], organizationId: 'Q', locationId: 'q1', longitude: 1.8, capacity: null }),
  point({
    serviceId: 'r-bu',
    codes: ['BU'],
    organizationId: null,
    listingId: 'listing-r',
    organizationName: 'Org R',
    locationId: 'r1',
    longitude: 1.5,
    capacity: 10,
  }),
  point({ serviceId: 'peer', codes: ['PEER'], organizationId: 'P', locationId: 'p1', longitude: 0.7, capacity: 5 }),
];
const links: HubLinkInputs = {
  pathways: [{ receiverOrganizationId: 'H', referrerOrganizationIds: [], referrerOrganizationTypes: ['primary_care'] }],
  agreements: [['H', 'Q', 'X']],
  referralFlows: [],
  organizationTypes: new Map([
    ['H', 'opioid_treatment_program'],
    ['P', 'primary_care'],
    ['Q', 'office_based_moud'],
  ]),
};

describe('analyzeHubs', () => {
  const result = analyzeHubs(points, needs, shapes, links);

  it('counts hubs, prescribers, slots, need, slots per person and the shortfall per area, worst first', () => {
    expect(result.areas).toEqual([
      // West: H (100 + 20) and P's first location (15) = 135 slots for 200 people: 65 short.
      {
        areaId: 'west',
        name: 'West',
        population: 10_000,
        hubs: 1,
        prescribers: 1,
        slots: 135,
        slotsUnknown: 0,
        need: 200,
        needBasis: 'oud_estimate',
        slotsPerNeed: 135 / 200,
        shortfall: 65,
        unsupportedPrescribers: 0,
      },
      // East: P's second location (15), Q (unknown) and R (10): 25 slots at least, shortfall unknown.
      {
        areaId: 'east',
        name: 'East',
        population: 3000,
        hubs: 0,
        prescribers: 3,
        slots: 25,
        slotsUnknown: 1,
        need: 60,
        needBasis: 'oud_estimate',
        slotsPerNeed: 25 / 60,
        shortfall: null,
        unsupportedPrescribers: 1,
      },
    ]);
    expect(result.totals).toEqual({ hubs: 1, prescribers: 4, slots: 160, need: 260, shortfall: null });
  });

  it('links each hub to the spokes a pathway, agreement or referrals tie it to, and lists the spokes no hub supports', () => {
    expect(result.hubs).toHaveLength(1);
    const [hub] = result.hubs;
    expect(hub!.locations).toEqual([{ locationId: 'h1', name: 'Location h1', latitude: 0.5, longitude: 0.2, areaId: 'west', slots: 120 }]);
    expect(hub!.spokes.map((s) => [s.organizationId, s.bases, s.locations.map((l) => [l.locationId, l.areaId, l.slots])])).toEqual([
      [
        'P',
        ['pathway'],
        [
          ['p1', 'west', 15],
          ['p2', 'east', 15],
        ],
      ],
      ['Q', ['agreement'], [['q1', 'east', null]]],
    ]);
    expect(result.unsupportedSpokes).toEqual([
      {
        organizationId: 'listing:listing-r',
        name: 'Org R',
        locations: [{ locationId: 'r1', name: 'Location r1', latitude: 0.5, longitude: 1.5, areaId: 'east', slots: 10 }],
      },
    ]);
  });

  it('counts every capacity known as a shortfall, and none below zero', () => {
    const known = points.map((p) => (p.serviceId === 'q-nu' ? { ...p, capacity: 50 } : p));
    const areas = analyzeHubs(known, needs, shapes, links).areas;
    expect(areas.map((a) => [a.areaId, a.slots, a.shortfall])).toEqual([
      ['west', 135, 65],
      ['east', 75, 0],
    ]);
  });

  it('hides referral counts of 1–10 and, with complementary suppression, the smallest other one', () => {
    const flows = {
      ...links,
      referralFlows: [
        { sender: 'P', receiver: 'H', referrals: 30 },
        { sender: 'H', receiver: 'P', referrals: 4 },
        { sender: 'Q', receiver: 'H', referrals: 3 },
      ],
    };
    const spokes = analyzeHubs(points, needs, shapes, flows).hubs[0]!.spokes;
    // P: 34 (shown); Q: 3 hidden, and alone, so P's count is hidden too.
    expect(spokes.map((s) => [s.organizationId, s.bases, s.referrals, s.referralsSuppressed])).toEqual([
      ['P', ['pathway', 'referrals'], null, true],
      ['Q', ['agreement', 'referrals'], null, true],
    ]);
    const large = {
      ...links,
      referralFlows: [
        { sender: 'P', receiver: 'H', referrals: 30 },
        { sender: 'Q', receiver: 'H', referrals: 12 },
      ],
    };
    expect(analyzeHubs(points, needs, shapes, large).hubs[0]!.spokes.map((s) => s.referrals)).toEqual([30, 12]);
  });
});

describe('linkBases', () => {
  const types = new Map([
    ['H', 'opioid_treatment_program'],
    ['S', 'primary_care'],
  ]);
  const none: HubLinkInputs = { pathways: [], agreements: [], referralFlows: [], organizationTypes: types };
  it.each([
    ['nothing links them', none, []],
    [
      'a pathway into the hub naming the spoke',
      { ...none, pathways: [{ receiverOrganizationId: 'H', referrerOrganizationIds: ['S'], referrerOrganizationTypes: [] }] },
      ['pathway'],
    ],
    [
      'a pathway into the hub open to the spoke’s type',
      { ...none, pathways: [{ receiverOrganizationId: 'H', referrerOrganizationIds: [], referrerOrganizationTypes: ['primary_care'] }] },
      ['pathway'],
    ],
    [
      'a step-down pathway from the hub to the spoke',
      {
        ...none,
        pathways: [{ receiverOrganizationId: 'S', referrerOrganizationIds: [], referrerOrganizationTypes: ['opioid_treatment_program'] }],
      },
      ['pathway'],
    ],
    [
      'a pathway into the hub open to another type',
      {
        ...none,
        pathways: [{ receiverOrganizationId: 'H', referrerOrganizationIds: [], referrerOrganizationTypes: ['emergency_department'] }],
      },
      [],
    ],
    ['an agreement with both as parties', { ...none, agreements: [['S', 'H']] }, ['agreement']],
    ['an agreement with one of them', { ...none, agreements: [['S', 'X']] }, []],
    ['referrals from the hub to the spoke', { ...none, referralFlows: [{ sender: 'H', receiver: 'S', referrals: 2 }] }, ['referrals']],
    ['referrals between others', { ...none, referralFlows: [{ sender: 'H', receiver: 'X', referrals: 2 }] }, []],
  ] as const)('%s', (_, inputs, expected) => {
    expect(linkBases('H', 'S', inputs as HubLinkInputs).bases).toEqual(expected);
  });
});

describe('who is a hub and who a spoke', () => {
  const types = new Map([
    ['OTPORG', 'opioid_treatment_program'],
    ['HOSP', 'hospital'],
    ['ED', 'emergency_department'],
    ['JAIL', 'corrections'],
    ['BH', 'behavioral_health'],
  ]);
  const one = (organizationId: string | null, codes: string[]) =>
    point({ serviceId: `s-${organizationId}`, codes, organizationId, locationId: `l-${organizationId}`, longitude: 0.5, capacity: 5 });
  it.each([
    ['a service coded OTP', one('BH', ['OTP', 'BU']), 'hub'],
    ['methadone at an organization of type OTP', one('OTPORG', ['METH']), 'hub'],
    ['methadone in a hospital (inpatient)', one('HOSP', ['METH', 'BU']), 'neither'],
    ['buprenorphine in an emergency department (a bridge)', one('ED', ['BU']), 'neither'],
    ['buprenorphine continued in a jail', one('JAIL', ['BU', 'METH']), 'neither'],
    ['buprenorphine in behavioral health', one('BH', ['BU']), 'spoke'],
    ['naltrexone at a non-member listing', one(null, ['NU']), 'spoke'],
    ['peer support only', one('BH', ['PEER']), 'neither'],
  ])('%s: %s', (_, p, expected) => {
    const result = analyzeHubs([p], needs, shapes, { ...links, organizationTypes: types });
    const role = result.totals.hubs === 1 ? 'hub' : result.totals.prescribers === 1 ? 'spoke' : 'neither';
    expect(role).toBe(expected);
  });
});
