import { DateTime } from '../../../components/DateTime';
import { formatMoney, quantityInWords } from '../../options/optionWords';
import type { PurchaseOrder } from './types';
import '../../options/options.css';

/** The purchase order's lines: each option over the part of the period it was active, and the total. */
export function PurchaseOrderTable({ order }: { order: PurchaseOrder }) {
  // Options are all priced in one currency; an order without lines has no total to show.
  const currency = order.lines[0]?.currency ?? 'EUR';
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <caption className="visually-hidden">Purchase order lines</caption>
        <thead>
          <tr>
            <th scope="col">Option</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col" className="cell-number">
              Quantity
            </th>
            <th scope="col" className="cell-number">
              Unit price
            </th>
            <th scope="col" className="cell-number">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={`${line.option}-${line.from}`}>
              <th scope="row">{line.name}</th>
              <td>
                <DateTime iso={line.from} />
              </td>
              <td>
                <DateTime iso={line.to} />
              </td>
              <td className="cell-number">{quantityInWords(line.quantity, line.unit)}</td>
              <td className="cell-number">{formatMoney(line.unitPrice, line.currency)}</td>
              <td className="cell-number">{formatMoney(line.total, line.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Total
            </th>
            <td className="cell-number">{formatMoney(order.total, currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
