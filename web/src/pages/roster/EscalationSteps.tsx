import { stepKindLabels, triggersText } from './escalationWords';
import type { EscalationStep } from './types';

/** The chain in order: who each step tells, and of what. */
export function EscalationSteps({ steps }: { steps: readonly EscalationStep[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Steps of the escalation chain, in order</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Name</th>
            <th scope="col">Who</th>
            <th scope="col">Members</th>
            <th scope="col">Told of</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.position}>
              <td>{step.position}</td>
              <th scope="row">{step.name}</th>
              <td>{stepKindLabels[step.kind]}</td>
              <td className="cell-wrap">
                {step.kind === 'duty_pair'
                  ? 'From the roster'
                  : step.members.length === 0
                    ? 'Nobody yet: passed on'
                    : step.members.join(', ')}
              </td>
              <td className="cell-wrap">{triggersText(step.triggers)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
