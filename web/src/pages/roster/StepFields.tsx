import { CheckboxField } from '../../components/CheckboxField';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { TextAreaField } from '../incidents/TextAreaField';
import type { StepValues } from './chainValues';
import { STEP_KINDS, stepKindLabels, stepKindOf, TRIGGERS, triggerLabels } from './escalationWords';

interface StepFieldsProps {
  step: StepValues;
  /** 0-based. */
  index: number;
  count: number;
  onChange: (change: Partial<StepValues>) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
}

/** One step of the chain being edited: its name, who it tells, of what; moved or removed. */
export function StepFields({ step, index, count, onChange, onMove, onRemove }: StepFieldsProps) {
  const label = `Step ${index + 1}`;
  function toggle(trigger: (typeof TRIGGERS)[number], checked: boolean) {
    const triggers = checked ? [...step.triggers, trigger] : step.triggers.filter((t) => t !== trigger);
    onChange({ triggers });
  }
  return (
    <fieldset className="chain-step">
      <legend>{label}</legend>
      <TextField
        label="Name"
        name={`step-${index}-name`}
        required
        maxLength={100}
        value={step.name}
        onChange={(name) => onChange({ name })}
      />
      <SelectField
        label="Who"
        name={`step-${index}-kind`}
        value={step.kind}
        options={STEP_KINDS.map((kind) => ({ value: kind, label: stepKindLabels[kind] }))}
        onChange={(value) => onChange({ kind: stepKindOf(value) ?? step.kind })}
      />
      {step.kind === 'team' && (
        <TextAreaField
          label="Members"
          name={`step-${index}-members`}
          rows={3}
          value={step.members}
          onChange={(members) => onChange({ members })}
          hint="E-mail addresses, separated by commas or on lines of their own. Without members, the step passes its notices on."
        />
      )}
      <fieldset className="plain-fieldset chain-triggers">
        <legend>Told of</legend>
        {TRIGGERS.map((trigger) => (
          <CheckboxField
            key={trigger}
            label={triggerLabels[trigger]}
            checked={step.triggers.includes(trigger)}
            onChange={(checked) => toggle(trigger, checked)}
          />
        ))}
      </fieldset>
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={`Move step ${index + 1} up`}
        >
          Move up
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={`Move step ${index + 1} down`}
        >
          Move down
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={onRemove}
          disabled={count === 1}
          aria-label={`Remove step ${index + 1}`}
        >
          Remove
        </button>
      </div>
    </fieldset>
  );
}
