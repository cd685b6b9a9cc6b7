import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { callApi } from '../api-client.js';
import { CliError } from '../errors.js';
import { print } from '../output.js';
import { apiCommand, query, signedInTarget, table, type CommonOptions } from './common.js';

interface DutyDay {
  date: string;
  working: boolean;
  closed: { kind: string; name?: string; reason?: string } | null;
  people: { slot: number; email: string; absent: boolean }[];
  onDuty: string[];
  covered: boolean;
}

interface Absence {
  id: string;
  email: string;
  from: string;
  to: string;
  reason: string;
}

interface Chain {
  steps: { position: number; name: string; kind: string; members: string[]; triggers: string[] }[];
  records: {
    at: string;
    trigger: string;
    step: string;
    outcome: string;
    recipients: string[];
    ticket: number | null;
  }[];
}

const closedText = (c: DutyDay['closed']) =>
  !c
    ? ''
    : c.kind === 'holiday'
      ? (c.name ?? 'holiday')
      : c.kind === 'closure'
        ? `closed: ${c.reason ?? ''}`
        : 'weekend';

const dayRows = (days: DutyDay[]) =>
  table([
    ['DATE', 'ON DUTY', 'NOTE'],
    ...days.map((d) => [
      d.date,
      d.people.map((p) => (p.absent ? `${p.email} (absent)` : p.email)).join(', ') || '-',
      !d.working
        ? closedText(d.closed)
        : d.onDuty.length === 0
          ? 'GAP: nobody on duty'
          : d.covered
            ? ''
            : 'only one person',
    ]),
  ]);

/** Today and the next 13 days, as YYYY-MM-DD (the server counts days in Europe/Brussels). */
function fortnight(): { from: string; to: string } {
  const day = (offset: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels' }).format(
      new Date(Date.now() + offset * 86_400_000),
    );
  return { from: day(0), to: day(13) };
}

/** `oxygis duty`: the helpdesk's duty roster, absences and escalation chain. */
export function dutyCommand(): Command {
  const duty = new Command('duty').description("the helpdesk's duty roster, absences and escalation chain");
  duty.addCommand(
    apiCommand('show', 'who is on duty each day (default: the next two weeks), and absences')
      .option('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day, YYYY-MM-DD')
      .action(async (o: CommonOptions & { from?: string; to?: string }) => {
        const range = fortnight();
        const target = await signedInTarget(o);
        const roster = await callApi<{ days: DutyDay[]; absences: Absence[] }>(
          target,
          'GET',
          `/api/helpdesk/roster${query({ from: o.from ?? range.from, to: o.to ?? o.from ?? range.to })}`,
        );
        print(roster, o.json, (r) =>
          [
            dayRows(r.days),
            ...(r.absences.length > 0
              ? [
                  '',
                  'Absences:',
                  ...r.absences.map((a) => `  ${a.id}  ${a.email} ${a.from} → ${a.to}: ${a.reason}`),
                ]
              : []),
          ].join('\n'),
        );
      }),
  );
  duty.addCommand(
    apiCommand('set', 'put up to two people on duty on a day, or every working day up to --to (operators)')
      .argument('<date>', 'the day, YYYY-MM-DD')
      .argument('[people...]', 'one or two e-mails of the hosting team (none clears the day)')
      .option('--to <date>', 'last day of the range')
      .action(async (date: string, people: string[], o: CommonOptions & { to?: string }) => {
        const target = await signedInTarget(o);
        const { days } = await callApi<{ days: DutyDay[] }>(target, 'PUT', '/api/helpdesk/roster', {
          from: date,
          ...(o.to ? { to: o.to } : {}),
          people,
        });
        print(days, o.json, dayRows);
      }),
  );
  duty.addCommand(
    apiCommand('absent', 'record an absence: that person is not on duty those days')
      .argument('<email>', 'who')
      .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
      .option('--to <date>', 'last day (default: the first)')
      .requiredOption('--reason <text>', 'holiday, sick leave, training…')
      .action(async (email: string, o: CommonOptions & { from: string; to?: string; reason: string }) => {
        const target = await signedInTarget(o);
        const { absence } = await callApi<{ absence: Absence }>(target, 'POST', '/api/helpdesk/absences', {
          email,
          from: o.from,
          to: o.to ?? o.from,
          reason: o.reason,
        });
        print(absence, o.json, (a) => `${a.email} absent ${a.from} → ${a.to} (${a.id})`);
      }),
  );
  duty.addCommand(
    apiCommand('present', 'remove an absence')
      .argument('<id>', 'the absence (see oxygis duty show)')
      .action(async (id: string, o: CommonOptions) => {
        const target = await signedInTarget(o);
        await callApi(target, 'DELETE', `/api/helpdesk/absences/${encodeURIComponent(id)}`);
        print({ removed: id }, o.json, () => 'absence removed');
      }),
  );
  duty.addCommand(
    apiCommand('escalation', 'the escalation chain and the latest steps taken; --set FILE replaces it')
      .option('--set <file>', 'a JSON file {"steps": [{name, kind, members, triggers}]} (operators)')
      .action(async (o: CommonOptions & { set?: string }) => {
        const target = await signedInTarget(o);
        let chain: Chain;
        if (o.set) {
          const text = await readFile(o.set, 'utf8').catch(() => {
            throw new CliError(`cannot read ${o.set}; check the path`, 2);
          });
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            throw new CliError(`${o.set} is not JSON: write {"steps": [...]}`, 2);
          }
          chain = await callApi<Chain>(target, 'PUT', '/api/helpdesk/escalation', body);
        } else chain = await callApi<Chain>(target, 'GET', '/api/helpdesk/escalation');
        print(chain, o.json, (c) =>
          [
            ...c.steps.map(
              (s) =>
                `${s.position}. ${s.name} (${s.kind === 'duty_pair' ? 'whoever is on duty' : s.members.join(', ') || 'no members yet'}) on ${s.triggers.join(', ')}`,
            ),
            '',
            ...c.records
              .slice(0, 20)
              .map(
                (r) =>
                  `${r.at} ${r.trigger}${r.ticket ? ` #${r.ticket}` : ''} → ${r.step}: ${r.outcome}${r.recipients.length ? ` (${r.recipients.join(', ')})` : ''}`,
              ),
          ].join('\n'),
        );
      }),
  );
  return duty;
}
