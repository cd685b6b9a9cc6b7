import { priceInWords } from '../../options/optionWords';
import type { CatalogueOption } from '../../options/types';
import { OptionActions } from './OptionActions';
import { currentState } from './optionState';
import { OptionState } from './OptionState';
import type { ClientOption } from './types';
import '../../options/options.css';
import './clientOptions.css';

interface OptionsTableProps {
  clientSlug: string;
  catalogue: readonly CatalogueOption[];
  history: readonly ClientOption[];
  mayRequest: boolean;
  mayDecide: boolean;
  onChanged: (options: ClientOption[], message: string) => void;
}

/** The catalogue with, for each option, the client's state and what may be done with it. */
export function OptionsTable({
  clientSlug,
  catalogue,
  history,
  mayRequest,
  mayDecide,
  onChanged,
}: OptionsTableProps) {
  const withActions = mayRequest || mayDecide;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">
          Service options, their prices and this client&apos;s state
        </caption>
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col">What it does</th>
            <th scope="col">Price</th>
            <th scope="col">State</th>
            {withActions && (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {catalogue.map((option) => {
            const state = currentState(history, option.code);
            return (
              <tr key={option.code} className={option.available ? undefined : 'option-unavailable'}>
                <th scope="row">{option.name}</th>
                <td className="cell-wrap">{option.description}</td>
                <td>{priceInWords(option)}</td>
                <td className="cell-wrap">
                  <OptionState option={option} state={state} />
                </td>
                {withActions && (
                  <td className="cell-actions">
                    <OptionActions
                      clientSlug={clientSlug}
                      option={option}
                      state={state}
                      mayRequest={mayRequest}
                      mayDecide={mayDecide}
                      onChanged={onChanged}
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
