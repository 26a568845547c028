import type { ColumnType, Generated, Selectable } from 'kysely';
import type { OrganizationType } from '@continuum/contracts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface OrganizationsTable {
  id: Generated<string>;
  name: string;
  type: OrganizationType;
  description: string | null;
  website: string | null;
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LocationsTable {
  id: Generated<string>;
  organization_id: string;
  name: string;
  address1: string;
  address2: string | null;
  city: string;
  region: string;
  postal_code: string;
  latitude: number | null;
  longitude: number | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type LocationRow = Selectable<LocationsTable>;
