import { Table } from 'antd';
import type { Key } from 'react';
import { yuan } from './format';

/**
 * A register's totals row: one cell per visible column, so each sum stays under its column whatever is
 * hidden; the first cell says how many rows the filter selects. A function, not a component: antd
 * looks for Table.Summary itself among the summary's children.
 */
export function totalsRow(columns: ReadonlyArray<{ key?: Key }>, sums: Record<string, string>, label: string) {
  return (
    <Table.Summary fixed>
      <Table.Summary.Row className="lb-totals">
        {columns.map((column, index) => (
          <Table.Summary.Cell key={String(column.key)} index={index} align={sums[String(column.key)] ? 'right' : undefined}>
            {index === 0 ? label : sums[String(column.key)] ? yuan(sums[String(column.key)]) : null}
          </Table.Summary.Cell>
        ))}
      </Table.Summary.Row>
    </Table.Summary>
  );
}
