import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import type { ClientsResponse } from '../../types';
import { useApi } from '../../useApi';

const ALL = '';

interface ComplianceClientFilterProps {
  value: string | null;
  onChange: (slug: string | null) => void;
}

/** Staff: every client with tickets in the month, or one client (all three criticalities). */
export function ComplianceClientFilter({ value, onChange }: ComplianceClientFilterProps) {
  const clients = useApi<ClientsResponse>('/api/clients');
  const options = [
    { value: ALL, label: 'Every client with tickets' },
    ...(clients.data?.clients ?? []).map((client) => ({ value: client.slug, label: client.name })),
  ];
  if (value !== null && !options.some((option) => option.value === value))
    options.push({ value, label: value });
  return (
    <>
      <SelectField
        label="Client"
        name="client"
        value={value ?? ALL}
        options={options}
        onChange={(slug) => onChange(slug === ALL ? null : slug)}
      />
      <ErrorAlert error={clients.error} />
    </>
  );
}
