import { networkOrganizationListSchema } from '@continuum/contracts';
import { queryString, type ApiRequest } from '../../api/request.ts';

/** A network member organization, as offered when linking a care team, naming consent recipients or choosing a referral's receiver. */
export interface NetworkOrganization {
  id: string;
  name: string;
}

/** The network's member organizations (`GET /api/organizations`, contracts/src/admin.ts), as the pickers of other features search them. */
export interface OrganizationsApi {
  /** Member organizations of the network whose name matches `q` (from the directory listings). */
  searchNetworkOrganizations(q: string): Promise<NetworkOrganization[]>;
}

export function createOrganizationsHttpApi(request: ApiRequest): OrganizationsApi {
  return {
    async searchNetworkOrganizations(q) {
      const list = await request('GET', `/api/organizations${queryString({ q })}`, networkOrganizationListSchema);
      return list.items.map((o) => ({ id: o.id, name: o.name }));
    },
  };
}
