import { useState } from 'react';
import { useApi } from '../../api/api-context.tsx';
import { describeError } from '../../api/api-error.ts';
import type { NetworkOrganization } from './api.ts';
import { Button } from '../../ui/button.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';

interface OrganizationPickerProps {
  idPrefix: string;
  label: string;
  /** Offered before any search, e.g. the user's own organization and the care team. */
  suggestions: readonly NetworkOrganization[];
  value: string;
  onChange: (organization: NetworkOrganization | null) => void;
  error?: string | undefined;
}

/**
 * Chooses a network member organization: the suggestions, plus what a name search of the directory
 * finds. A plain search box and select, so it works with the keyboard and a screen reader.
 */
export function OrganizationPicker({ idPrefix, label, suggestions, value, onChange, error }: OrganizationPickerProps) {
  const client = useApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<NetworkOrganization[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [isSearching, setSearching] = useState(false);
  const options = [...suggestions, ...found.filter((item) => !suggestions.some((s) => s.id === item.id))];

  async function search() {
    if (query.trim().length < 2) {
      setStatus('Type at least 2 letters of the name.');
      return;
    }
    setSearching(true);
    try {
      const result = await client.searchNetworkOrganizations(query.trim());
      setFound(result);
      setStatus(result.length === 0 ? 'No network organization has that name.' : `${result.length} found; choose one below.`);
      const first = result[0];
      if (first) onChange(first);
    } catch (caught) {
      setStatus(describeError(caught));
    } finally {
      setSearching(false);
    }
  }

  return (
    <div className="organization-picker">
      <div className="inline-search">
        <TextField
          id={`${idPrefix}-search`}
          label="Find an organization by name"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void search();
            }
          }}
        />
        <Button onClick={() => void search()} isPending={isSearching} pendingLabel="Finding…">
          Find
        </Button>
      </div>
      <p className="field-hint" role="status">
        {status}
      </p>
      <SelectField
        id={`${idPrefix}-organization`}
        label={label}
        value={value}
        error={error}
        options={[{ value: '', label: 'Choose an organization' }, ...options.map((item) => ({ value: item.id, label: item.name }))]}
        onChange={(event) => onChange(options.find((item) => item.id === event.currentTarget.value) ?? null)}
      />
    </div>
  );
}
