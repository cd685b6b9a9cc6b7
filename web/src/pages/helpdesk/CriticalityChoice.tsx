import { RadioGroup } from '../../components/RadioGroup';
import { CRITICALITIES, criticalityLabels, criticalityMeanings } from './helpdeskLabels';
import type { Criticality } from './types';

const OPTIONS = CRITICALITIES.map((value) => ({
  value,
  label: `${criticalityLabels[value]}: ${criticalityMeanings[value]}`,
}));

interface CriticalityChoiceProps {
  value: Criticality | '';
  onChange: (value: Criticality) => void;
  disabled?: boolean;
}

/** The three criticalities of the agreement, each with what it means and its response target. */
export function CriticalityChoice({ value, onChange, disabled }: CriticalityChoiceProps) {
  return (
    <RadioGroup<Criticality | ''>
      legend="Criticality"
      name="criticality"
      value={value}
      options={OPTIONS}
      onChange={(chosen) => {
        if (chosen !== '') onChange(chosen);
      }}
      disabled={disabled}
    />
  );
}
