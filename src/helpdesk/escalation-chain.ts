import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { EscalationTrigger } from '../db/schema.js';
import { assertOperator, assertStaff, type Actor } from '../identity/access.js';
import { auditRepository } from '../identity/audit.repository.js';
import { badRequest } from '../server/errors.js';
import type { DutyRosterService } from './duty-roster.service.js';

export const ESCALATION_TRIGGERS = [
  'new_ticket',
  'warning_50',
  'warning_75',
  'warning_90',
  'breach',
  'no_duty',
  'alert',
] as const satisfies readonly EscalationTrigger[];

const stepSchema = z.strictObject({
  name: z.string().trim().min(1, { error: 'every step has a name' }).max(100),
  kind: z.enum(['duty_pair', 'team'], {
    error: 'a step is the duty_pair (whoever is on duty that day) or a team (its members)',
  }),
  members: z
    .array(z.email({ error: 'members are e-mail addresses' }))
    .max(50)
    .default([]),
  triggers: z
    .array(
      z.enum(ESCALATION_TRIGGERS, {
        error: `triggers are ${ESCALATION_TRIGGERS.join(', ')}`,
      }),
    )
    .min(1, { error: 'every step has at least one trigger' }),
});

export const chainSchema = z.strictObject({
  steps: z
    .array(stepSchema)
    .min(1, { error: 'the chain has at least one step' })
    .max(9, { error: 'the chain has at most 9 steps' }),
});

export type EscalationStep = z.output<typeof stepSchema> & { position: number };

/** What the chain was asked to pass on, and to which ticket or duty day it belongs. */
export interface Escalation {
  trigger: EscalationTrigger;
  subject: string;
  ticketId?: string | undefined;
  dutyDate?: string | undefined;
}

/**
 * The escalation chain as data: steps in order (the on-duty pair, the sister company's support
 * team, partner integrators by default), each listening to some triggers. A triggered step that
 * cannot be reached — nobody on duty, a team without members — passes its notice to the next
 * step, and when the end of the chain is reached with nobody, the operators are told. Every step
 * taken is recorded (append-only).
 */
export class EscalationChain {
  constructor(
    private readonly db: Db,
    private readonly roster: DutyRosterService,
  ) {}

  async steps(): Promise<EscalationStep[]> {
    const rows = await this.db.selectFrom('escalation_step').selectAll().orderBy('position').execute();
    return rows.map((r) => ({ ...r, members: r.members, triggers: r.triggers }));
  }

  async show(actor: Actor) {
    assertStaff(actor.account, 'the escalation chain is for the hosting team');
    const records = await this.db
      .selectFrom('escalation_record')
      .leftJoin('ticket', 'ticket.id', 'escalation_record.ticket_id')
      .select([
        'escalation_record.at',
        'escalation_record.trigger',
        'escalation_record.step_position as position',
        'escalation_record.step_name as step',
        'escalation_record.outcome',
        'escalation_record.recipients',
        'escalation_record.duty_date as dutyDate',
        'escalation_record.subject',
        'ticket.number as ticket',
      ])
      .orderBy('escalation_record.id', 'desc')
      .limit(100)
      .execute();
    return { steps: await this.steps(), records };
  }

  async replace(actor: Actor, input: unknown) {
    assertOperator(actor.account);
    const parsed = chainSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw badRequest(
        'invalid_chain',
        `${issue?.path.join('.') || 'chain'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const { steps } = parsed.data;
    const pairWithMembers = steps.find((s) => s.kind === 'duty_pair' && s.members.length > 0);
    if (pairWithMembers)
      throw badRequest(
        'invalid_chain',
        `"${pairWithMembers.name}": the duty pair's members come from the roster`,
      );
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('escalation_step').execute();
      await trx
        .insertInto('escalation_step')
        .values(
          steps.map((s, i) => ({
            position: i + 1,
            name: s.name,
            kind: s.kind,
            members: sql<string[]>`${sql.val([...new Set(s.members.map((m) => m.toLowerCase()))])}::text[]`,
            triggers: sql<EscalationTrigger[]>`${sql.val([...new Set(s.triggers)])}::text[]`,
          })),
        )
        .execute();
    });
    await auditRepository.append(this.db, {
      actorAccountId: actor.account.id,
      actorEmail: actor.account.email,
      clientId: null,
      action: 'escalation.chain_changed',
      target: 'escalation chain',
      ip: actor.ip,
      detail: { steps: steps.map((s) => s.name) },
    });
    return this.show(actor);
  }

  /** Who is to be told of `escalation`, each step taken recorded; operators at the end of the chain. */
  async reach(escalation: Escalation, now = new Date()): Promise<string[]> {
    const steps = await this.steps();
    const today = escalation.dutyDate ?? (await this.roster.today(now));
    const recipients = new Set<string>();
    let carried = false;
    for (const step of steps) {
      if (!carried && !step.triggers.includes(escalation.trigger)) continue;
      const people = step.kind === 'duty_pair' ? await this.roster.onDuty(today) : step.members;
      await this.record(escalation, step, people.length > 0 ? 'notified' : 'passed_on', people);
      people.forEach((p) => recipients.add(p));
      carried = people.length === 0;
    }
    // Nobody reached (the chain ran out, or no step listens to this): the operators are told.
    if (carried || recipients.size === 0) {
      const operators = await this.operators();
      await this.record(
        escalation,
        { position: 0, name: 'Operators (end of the chain)' },
        'notified',
        operators,
      );
      operators.forEach((p) => recipients.add(p));
    }
    return [...recipients];
  }

  /** Whether a day-without-duty escalation was raised for a date since `since` (or ever). */
  async noDutyRaised(date: string, since: Date | null): Promise<boolean> {
    let query = this.db
      .selectFrom('escalation_record')
      .select('id')
      .where('trigger', '=', 'no_duty')
      .where('duty_date', '=', date);
    if (since) query = query.where('at', '>', since);
    return (await query.executeTakeFirst()) !== undefined;
  }

  private async record(
    escalation: Escalation,
    step: { position: number; name: string },
    outcome: 'notified' | 'passed_on',
    recipients: readonly string[],
  ): Promise<void> {
    await this.db
      .insertInto('escalation_record')
      .values({
        trigger: escalation.trigger,
        step_position: step.position,
        step_name: step.name,
        outcome,
        recipients: sql<string[]>`${sql.val([...recipients])}::text[]`,
        ticket_id: escalation.ticketId ?? null,
        duty_date: escalation.trigger === 'no_duty' ? (escalation.dutyDate ?? null) : null,
        subject: escalation.subject,
      })
      .execute();
  }

  private async operators(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('account')
      .select('email')
      .where('kind', '=', 'staff')
      .where('status', '=', 'active')
      .where(sql<boolean>`'operator' = any(roles)`)
      .execute();
    return rows.map((r) => r.email);
  }
}
