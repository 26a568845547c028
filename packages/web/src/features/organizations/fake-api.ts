import type { Organization } from '@continuum/contracts';
import type { NetworkOrganization } from './api.ts';

/** The organization search of the fake API, over the fake's organizations (features/admin/fake-api.ts). */
export class FakeOrganizations {
  constructor(private readonly organizations: () => readonly Organization[]) {}

  search(q: string): NetworkOrganization[] {
    const text = q.trim().toLowerCase();
    return this.organizations()
      .filter((organization) => organization.name.toLowerCase().includes(text))
      .map((organization) => ({ id: organization.id, name: organization.name }));
  }
}
