import type { ReactNode } from 'react';

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
