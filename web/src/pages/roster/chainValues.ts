/** The escalation chain as a form edits it, and the request it makes. */
import type { ChainRequest, EscalationStep, EscalationTrigger, StepKind } from './types';

/** The API takes up to 9 steps. */
export const MAX_STEPS = 9;

export interface StepValues {
  /** Stable across moves, for React (not sent). */
  key: number;
  name: string;
  kind: StepKind;
  /** Team members as typed: e-mail addresses separated by commas or lines. */
  members: string;
  triggers: EscalationTrigger[];
}

let nextKey = 0;

export function stepValues(step?: EscalationStep): StepValues {
  nextKey += 1;
  if (step === undefined) return { key: nextKey, name: '', kind: 'team', members: '', triggers: [] };
  return {
    key: nextKey,
    name: step.name,
    kind: step.kind,
    members: step.members.join('\n'),
    triggers: [...step.triggers],
  };
}

/** The steps with the one at `index` moved by `delta` (−1 up, +1 down); unchanged at an end. */
export function moveStep(steps: readonly StepValues[], index: number, delta: number): StepValues[] {
  const target = index + delta;
  const moved = [...steps];
  const [step] = moved.splice(index, 1);
  if (step === undefined || target < 0 || target >= steps.length) return [...steps];
  moved.splice(target, 0, step);
  return moved;
}

export function membersOf(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((member) => member.trim())
    .filter((member) => member !== '');
}

/** The request the form's values make, or what to fix first. */
export function chainRequest(steps: readonly StepValues[]): ChainRequest | Error {
  if (steps.length === 0) return new Error('Keep at least one step: someone has to be told.');
  const request: ChainRequest = { steps: [] };
  for (const [index, step] of steps.entries()) {
    const name = step.name.trim();
    const label = `Step ${index + 1}`;
    if (name === '') return new Error(`${label}: give it a name.`);
    if (step.triggers.length === 0)
      return new Error(`${label} (${name}): tick at least one thing it is told of.`);
    const members = step.kind === 'team' ? membersOf(step.members) : [];
    const wrong = members.find((member) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(member));
    if (wrong !== undefined) return new Error(`${label} (${name}): "${wrong}" is not an e-mail address.`);
    request.steps.push({ name, kind: step.kind, members, triggers: step.triggers });
  }
  return request;
}
