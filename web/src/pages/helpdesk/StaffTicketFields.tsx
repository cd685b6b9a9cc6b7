import { DateTimeField } from '../../components/DateTimeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RadioGroup } from '../../components/RadioGroup';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import type { ClientsResponse } from '../../types';
import { useApi } from '../../useApi';
import { browserTimeZone } from '../client/backups/localTime';
import { CHANNELS, channelLabels } from './helpdeskLabels';
import type { NewTicketValues } from './newTicketRequest';

const CHANNEL_OPTIONS = CHANNELS.map((value) => ({ value, label: channelLabels[value] }));

interface StaffTicketFieldsProps {
  values: NewTicketValues;
  onChange: (change: Partial<NewTicketValues>) => void;
}

/** What an agent logging a ticket adds: whose it is, how and when it came in, and from whom. */
export function StaffTicketFields({ values, onChange }: StaffTicketFieldsProps) {
  const clients = useApi<ClientsResponse>('/api/clients');
  return (
    <>
      <SelectField
        label="Client"
        name="client"
        value={values.client}
        options={[
          { value: '', label: 'Choose a client' },
          ...(clients.data?.clients ?? []).map((client) => ({ value: client.slug, label: client.name })),
        ]}
        onChange={(client) => onChange({ client })}
      />
      <ErrorAlert error={clients.error} />
      <RadioGroup
        legend="Received by"
        name="channel"
        value={values.channel}
        options={CHANNEL_OPTIONS}
        onChange={(channel) => onChange({ channel })}
      />
      {values.channel !== 'portal' && (
        <DateTimeField
          label="Received at (optional)"
          name="receivedAt"
          value={values.receivedAt}
          onChange={(receivedAt) => onChange({ receivedAt })}
          hint={`When the call or e-mail came in, in your time zone, ${browserTimeZone()}: the clock starts then. Empty for now.`}
        />
      )}
      <TextField
        label="Requester's e-mail (optional)"
        name="requesterEmail"
        type="email"
        autoComplete="off"
        value={values.requesterEmail}
        onChange={(requesterEmail) => onChange({ requesterEmail })}
        hint="Who asked: replies are e-mailed there. Empty for yourself."
      />
    </>
  );
}
