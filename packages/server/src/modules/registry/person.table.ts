import type { ColumnType, Generated } from 'kysely';

/**
 * A person known to the network. This issue only stores demographics written by the demo
 * generator; reads go through the registry's consent chokepoint when it lands.
 */
export interface PeopleTable {
  id: Generated<string>;
  given_name: string;
  family_name: string;
  birth_date: string;
  sex: 'female' | 'male' | 'unknown';
  gender_identity: string | null;
  race: string | null;
  ethnicity: string | null;
  language: string | null;
  phone: string | null;
  address1: string | null;
  area_id: string | null;
  is_demo: Generated<boolean>;
  created_at: ColumnType<Date, Date | string, never>;
}

export interface AreasTable {
  id: string;
  name: string;
  town: string;
  postal_code: string;
  latitude: number;
  longitude: number;
  population: number;
}
