import type { ReactNode } from 'react';
import { useStatus } from './useStatus';

export interface PrintColumn<Row> {
  key: string;
  header: ReactNode;
  value: (row: Row) => ReactNode;
}

/** A plain table for printed pages: its header repeats on every page (see .lb-printable in app.css). */
export function PrintTable<Row>({ columns, rows, rowKey, footer }: { columns: ReadonlyArray<PrintColumn<Row>>; rows: readonly Row[]; rowKey: (row: Row) => string | number; footer?: ReactNode }) {
  return (
    <table className="lb-print-table">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.key}>{c.header}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.key}>{c.value(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer}
    </table>
  );
}

/** The lender's letterhead (company name and the letterhead text from the settings) atop a printed page. */
export function PrintLetterhead() {
  const status = useStatus().data;
  return (
    <header className="lb-letterhead">
      <strong>{status?.companyName || 'LoanBridge'}</strong>
      {status?.letterhead && <div>{status.letterhead}</div>}
    </header>
  );
}

/** Label–value pairs of a printed document's heading (contract, borrower, terms), two pairs a row. */
export function PrintTerms({ pairs }: { pairs: ReadonlyArray<readonly [ReactNode, ReactNode]> }) {
  const rows = Array.from({ length: Math.ceil(pairs.length / 2) }, (_, k) => pairs.slice(k * 2, k * 2 + 2));
  return (
    <table className="lb-print-terms">
      <tbody>
        {rows.map((row, k) => (
          <tr key={k}>
            {row.map(([label, value], j) => [<th key={`l${j}`}>{label}</th>, <td key={`v${j}`}>{value}</td>])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
