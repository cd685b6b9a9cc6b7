import { StatusBadge } from '../../components/StatusBadge';
import { priceInWords } from './optionWords';
import { PriceForm } from './PriceForm';
import type { CatalogueOption } from './types';
import './options.css';

interface CatalogueTableProps {
  options: readonly CatalogueOption[];
  /** Operators price the options; null shows the prices only. */
  onPriced: ((option: CatalogueOption) => void) | null;
}

/** The agreement's service options: what each does, whether it can be provided here, its price. */
export function CatalogueTable({ options, onPriced }: CatalogueTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Service options and their prices</caption>
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col">What it does</th>
            <th scope="col">On this platform</th>
            <th scope="col">Price per unit</th>
          </tr>
        </thead>
        <tbody>
          {options.map((option) => (
            <tr key={option.code} className={option.available ? undefined : 'option-unavailable'}>
              <th scope="row">{option.name}</th>
              <td className="cell-wrap">{option.description}</td>
              <td className="cell-wrap">
                {option.available ? (
                  <StatusBadge ok>Available</StatusBadge>
                ) : (
                  <>
                    <StatusBadge ok={false}>Unavailable</StatusBadge>{' '}
                    <span className="muted">{option.unavailableBecause}</span>
                  </>
                )}
              </td>
              <td>
                {onPriced === null ? priceInWords(option) : <PriceForm option={option} onSaved={onPriced} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
