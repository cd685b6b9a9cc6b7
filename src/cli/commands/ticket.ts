import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { print } from '../output.js';
import { addTicketFileCommands } from './ticket-files.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface Ticket {
  number: number;
  clientSlug: string;
  subject: string;
  criticality: string;
  status: string;
  channel: string;
  assignee: string | null;
  receivedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  breached: boolean;
  timeLeftMs: number | null;
  explanation?: { sentence: string };
  messages?: { at: string; author: string; visibility: string; body: string }[];
}

const left = (t: Ticket) => {
  if (t.respondedAt) return t.breached ? 'answered late' : 'answered';
  if (t.timeLeftMs === null) return '-';
  const minutes = Math.round(t.timeLeftMs / 60_000);
  return minutes < 0 ? `BREACHED ${-minutes} min ago` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
};

const show = (t: Ticket) =>
  [
    `#${t.number} ${t.subject} (${t.clientSlug}) — ${t.criticality}, ${t.status}, via ${t.channel}`,
    `received ${t.receivedAt}; response due ${t.responseDueAt}${t.respondedAt ? `; answered ${t.respondedAt}` : ''}${t.breached ? ' — TARGET MISSED' : ''}`,
    ...(t.explanation ? [`why: ${t.explanation.sentence}`] : []),
    ...(t.messages ?? []).map(
      (m) => `  ${m.at} ${m.author}${m.visibility === 'internal' ? ' (internal)' : ''}: ${m.body}`,
    ),
  ].join('\n');

const ticketPath = (key: string) => `/api/tickets/${encodeURIComponent(key.replace(/^#/, ''))}`;

export function ticketCommand(): Command {
  const ticket = new Command('ticket').description('helpdesk tickets and their response clocks');
  ticket.addCommand(
    apiCommand('create', 'file a ticket, or log one received by e-mail or phone (staff)')
      .requiredOption('--client <slug>', 'the client')
      .requiredOption('--subject <text>', 'what it is about')
      .requiredOption('--criticality <level>', 'critical, major or minor')
      .option('--channel <channel>', 'portal, email or phone', 'portal')
      .option('--received-at <iso>', 'when the call came in (phone): starts the clock')
      .option('--body <text>', 'the request')
      .option('--requester <email>', 'who asked (staff logging for a client)')
      .action(
        async (
          o: CommonOptions & {
            client: string;
            subject: string;
            criticality: string;
            channel: string;
            receivedAt?: string;
            body?: string;
            requester?: string;
          },
        ) => {
          const target = await signedInTarget(o);
          const { ticket: created } = await callApi<{ ticket: Ticket }>(target, 'POST', '/api/tickets', {
            client: o.client,
            subject: o.subject,
            criticality: o.criticality,
            channel: o.channel,
            ...(o.receivedAt ? { receivedAt: o.receivedAt } : {}),
            ...(o.body ? { body: o.body } : {}),
            ...(o.requester ? { requesterEmail: o.requester } : {}),
          });
          print(created, o.json, show);
        },
      ),
  );
  ticket.addCommand(
    apiCommand('list', 'tickets, the one due soonest first')
      .option('--client <slug>', "one client's")
      .option('--open', 'only open and waiting ones')
      .action(async (o: CommonOptions & { client?: string; open?: boolean }) => {
        const target = await signedInTarget(o);
        const { tickets } = await callApi<{ tickets: Ticket[] }>(
          target,
          'GET',
          `/api/tickets${query({ client: o.client, open: o.open ? 'true' : undefined })}`,
        );
        print(tickets, o.json, (rows) =>
          rows.length === 0
            ? 'No tickets.'
            : table([
                ['#', 'CLIENT', 'CRITICALITY', 'STATUS', 'DUE', 'LEFT', 'SUBJECT'],
                ...rows.map((t) => [
                  String(t.number),
                  t.clientSlug,
                  t.criticality,
                  t.status,
                  t.responseDueAt,
                  left(t),
                  t.subject,
                ]),
              ]),
        );
      }),
  );
  ticket.addCommand(
    apiCommand('show', 'one ticket: thread, clock and the deadline explained')
      .argument('<number>', 'ticket number')
      .action(async (key: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        print((await callApi<{ ticket: Ticket }>(target, 'GET', ticketPath(key))).ticket, o.json, show);
      }),
  );
  ticket.addCommand(
    apiCommand('reply', 'reply (staff: the first public reply is the response, e-mailed to the requester)')
      .argument('<number>', 'ticket number')
      .requiredOption('--message <text>', 'the reply')
      .option('--internal', 'an internal note (staff only)')
      .action(async (key: string, o: CommonOptions & { message: string; internal?: boolean }) => {
        const target = await signedInTarget(o);
        const { ticket: t } = await callApi<{ ticket: Ticket }>(
          target,
          'POST',
          `${ticketPath(key)}/replies`,
          {
            body: o.message,
            ...(o.internal ? { internal: true } : {}),
          },
        );
        print(t, o.json, show);
      }),
  );
  ticket.addCommand(
    apiCommand('callback', 'log a call-back to the client (staff): the response, at the time of the call')
      .argument('<number>', 'ticket number')
      .requiredOption('--note <text>', 'what was said')
      .option('--at <iso>', 'when the call was made (default: now)')
      .action(async (key: string, o: CommonOptions & { note: string; at?: string }) => {
        const target = await signedInTarget(o);
        const { ticket: t } = await callApi<{ ticket: Ticket }>(
          target,
          'POST',
          `${ticketPath(key)}/callbacks`,
          {
            note: o.note,
            ...(o.at ? { at: o.at } : {}),
          },
        );
        print(t, o.json, show);
      }),
  );
  ticket.addCommand(
    apiCommand('assign', 'assign a ticket to an agent (staff)')
      .argument('<number>', 'ticket number')
      .requiredOption('--to <email>', "the agent's e-mail")
      .action(async (key: string, o: CommonOptions & { to: string }) => {
        const target = await signedInTarget(o);
        print(
          (await callApi<{ ticket: Ticket }>(target, 'PUT', `${ticketPath(key)}/assignee`, { email: o.to }))
            .ticket,
          o.json,
          show,
        );
      }),
  );
  ticket.addCommand(
    apiCommand('set-criticality', 'change the criticality (staff): re-targeted from the original reception')
      .argument('<number>', 'ticket number')
      .argument('<level>', 'critical, major or minor')
      .action(async (key: string, level: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        print(
          (
            await callApi<{ ticket: Ticket }>(target, 'PUT', `${ticketPath(key)}/criticality`, {
              criticality: level,
            })
          ).ticket,
          o.json,
          show,
        );
      }),
  );
  ticket.addCommand(
    apiCommand('set-status', 'open, waiting (for the client), resolved or closed (staff)')
      .argument('<number>', 'ticket number')
      .argument('<status>', 'open, waiting, resolved or closed')
      .action(async (key: string, status: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        const { ticket: t } = await callApi<{ ticket: Ticket }>(target, 'PUT', `${ticketPath(key)}/status`, {
          status,
        });
        print(t, o.json, show);
      }),
  );
  addTicketFileCommands(ticket);
  return ticket;
}
