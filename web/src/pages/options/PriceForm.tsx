import { useId, useState, type SyntheticEvent } from 'react';
import { asApiError, putJson } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { formatMoney, pricePath } from './optionWords';
import type { CatalogueOption, CatalogueOptionResponse } from './types';

/** The most the API accepts as a price per unit. */
const PRICE_MAX = 1_000_000;

/** A price as typed: a number of the currency with at most two decimals, or why not. */
export function parsePrice(typed: string): number | Error {
  const text = typed.trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text))
    return new Error('Give the price as a number with at most two decimals, such as 45.50.');
  const price = Number(text);
  if (price > PRICE_MAX) return new Error(`Give a price of at most ${PRICE_MAX.toLocaleString()}.`);
  return price;
}

interface PriceFormProps {
  option: CatalogueOption;
  onSaved: (option: CatalogueOption) => void;
}

/**
 * Operators: an option's price per unit. Clients who have it active keep the price it had when
 * it was approved; the new price applies to the next approvals.
 */
export function PriceForm({ option, onSaved }: PriceFormProps) {
  const id = useId();
  const [value, setValue] = useState(() => option.unitPrice.toFixed(2));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const parsed = parsePrice(value);
  const unchanged = !(parsed instanceof Error) && parsed === option.unitPrice;

  async function handleSubmit(event: SyntheticEvent<HTMLFormElement, SubmitEvent>) {
    event.preventDefault();
    setError(undefined);
    setDone(undefined);
    if (parsed instanceof Error) {
      setError(parsed);
      return;
    }
    setSaving(true);
    try {
      const saved = (await putJson<CatalogueOptionResponse>(pricePath(option.code), { unitPrice: parsed }))
        .option;
      setValue(saved.unitPrice.toFixed(2));
      setDone(
        `${saved.name}: ${formatMoney(saved.unitPrice, saved.currency)} per ${saved.unit} from now on.`,
      );
      onSaved(saved);
    } catch (caught) {
      setError(asApiError(caught));
    }
    setSaving(false);
  }

  return (
    <form className="price-form" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <div className="row-actions">
        <label htmlFor={id} className="visually-hidden">
          Price of {option.name} ({option.currency} per {option.unit})
        </label>
        <input
          id={id}
          name="unitPrice"
          className="price-input"
          type="number"
          inputMode="decimal"
          step={0.01}
          min={0}
          max={PRICE_MAX}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          disabled={saving}
        />
        <span className="muted">
          {option.currency} per {option.unit}
        </span>
        <button
          type="submit"
          className="button button-secondary button-small"
          disabled={saving || unchanged}
          aria-label={`Save the price of ${option.name}`}
        >
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
      <ErrorAlert error={error} />
      <StatusNote message={done} />
    </form>
  );
}
