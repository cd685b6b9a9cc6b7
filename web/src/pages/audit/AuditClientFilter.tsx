import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { navigate } from '../../router';
import type { ClientsResponse } from '../../types';
import { useApi } from '../../useApi';

const ALL = '';

/** Kept in the address (?client=slug), so a filtered log can be reloaded and shared. */
export function AuditClientFilter({ value }: { value: string | null }) {
  const clients = useApi<ClientsResponse>('/api/clients');
  const options = [
    { value: ALL, label: 'All clients' },
    ...(clients.data?.clients ?? []).map((client) => ({ value: client.slug, label: client.name })),
  ];
  if (value !== null && !options.some((option) => option.value === value))
    options.push({ value, label: value });

  function choose(slug: string) {
    navigate(slug === ALL ? '/audit' : `/audit?client=${encodeURIComponent(slug)}`, { replace: true });
  }

  return (
    <div className="toolbar">
      <SelectField label="Client" name="client" value={value ?? ALL} options={options} onChange={choose} />
      <ErrorAlert error={clients.error} />
    </div>
  );
}
