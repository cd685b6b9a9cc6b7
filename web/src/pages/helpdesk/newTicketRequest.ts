import { instantFromLocalInput } from '../client/backups/localTime';
import type { Criticality, NewTicketRequest, TicketChannel } from './types';

export interface NewTicketValues {
  /** The client's slug: the signed-in client's own, or the one staff chose. */
  client: string;
  subject: string;
  /** Empty until chosen: the criticality is the requester's call, never a default. */
  criticality: Criticality | '';
  body: string;
  /** Staff only: how the ticket came in, when (a call, in the browser's zone), and from whom. */
  channel: TicketChannel;
  receivedAt: string;
  requesterEmail: string;
}

export const EMPTY_TICKET: NewTicketValues = {
  client: '',
  subject: '',
  criticality: '',
  body: '',
  channel: 'portal',
  receivedAt: '',
  requesterEmail: '',
};

/** The request the form's values make, or what to fix first. */
export function newTicketRequest(values: NewTicketValues, staff: boolean): NewTicketRequest | Error {
  if (values.client === '')
    return new Error(staff ? 'Choose the client the ticket is for.' : 'Your account belongs to no client.');
  const subject = values.subject.trim();
  if (subject === '') return new Error('Give the ticket a subject: what is wrong, in a few words.');
  if (values.criticality === '') return new Error('Choose the criticality: it sets the response deadline.');
  const request: NewTicketRequest = {
    client: values.client,
    subject,
    body: values.body.trim(),
    criticality: values.criticality,
    channel: staff ? values.channel : 'portal',
  };
  if (!staff) return request;
  if (values.channel !== 'portal' && values.receivedAt !== '') {
    const receivedAt = instantFromLocalInput(values.receivedAt);
    if (receivedAt === undefined) return new Error('Give when it was received: a date and a time of day.');
    request.receivedAt = receivedAt;
  }
  const requester = values.requesterEmail.trim();
  if (requester !== '') request.requesterEmail = requester;
  return request;
}
