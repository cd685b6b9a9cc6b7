import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { navigate } from '../../router';
import type { ClientsResponse } from '../../types';
import { useApi } from '../../useApi';

const STAFF = '';

/** Which accounts the page lists: one client's, or the staff's. Kept in the address (?client=slug). */
export function ClientPicker({ value }: { value: string | null }) {
  const clients = useApi<ClientsResponse>('/api/clients');
  const options = [
    { value: STAFF, label: 'Staff' },
    ...(clients.data?.clients ?? []).map((client) => ({ value: client.slug, label: client.name })),
  ];
  // Until the list arrives, keep the chosen slug selectable.
  if (value !== null && !options.some((option) => option.value === value))
    options.push({ value, label: value });

  function choose(slug: string) {
    navigate(slug === STAFF ? '/users' : `/users?client=${encodeURIComponent(slug)}`, { replace: true });
  }

  return (
    <div className="toolbar">
      <SelectField label="Client" name="client" value={value ?? STAFF} options={options} onChange={choose} />
      <ErrorAlert error={clients.error} />
    </div>
  );
}
