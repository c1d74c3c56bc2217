/** `loanbridge product add | list | update`: the same channels as the products screen. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDataDir } from '../../helpers/runtime';

describe('loanbridge product', () => {
  it('adds a product from a file, lists it, and updates it; a bullet product accrues on actual days by default', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'product.json');
    fs.writeFileSync(file, JSON.stringify({ code: 'JY18', name: '经营贷18期', method: 'equal-installment', annualRate: '17.30', periods: 18, interestOnlyPeriods: 6 }));
    const added = await runCli('--data-dir', dir, '--json', 'product', 'add', '--file', file);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, code: 'JY18', dayCount: '30/360', allocationStrategy: 'by-component', penaltyMarkupPercent: '50.00', version: 1 });

    fs.writeFileSync(file, JSON.stringify({ code: 'DQ12', name: '到期还本付息12期', method: 'bullet', annualRate: '12', periods: 12 }));
    expect(JSON.parse((await runCli('--data-dir', dir, '--json', 'product', 'add', '--file', file)).stdout)).toMatchObject({ code: 'DQ12', dayCount: 'ACT/360' });

    const listed = await runCli('--data-dir', dir, 'product', 'list');
    expect(listed.stdout).toContain('JY18');
    expect(listed.stdout).toContain('2 products');

    fs.writeFileSync(file, JSON.stringify({ code: 'JY18', name: '经营贷18期（逐期冲抵）', method: 'equal-installment', annualRate: '17.30', periods: 18, interestOnlyPeriods: 6, allocationStrategy: 'by-installment' }));
    const updated = await runCli('--data-dir', dir, '--json', 'product', 'update', '--id', '1', '--file', file);
    expect(JSON.parse(updated.stdout)).toMatchObject({ id: 1, name: '经营贷18期（逐期冲抵）', allocationStrategy: 'by-installment', version: 2 });

    const missing = await runCli('--data-dir', dir, 'product', 'update', '--id', '9', '--file', file);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no loan product 9');
    fs.writeFileSync(file, JSON.stringify({ code: 'X', name: 'x', method: 'bullet', annualRate: '12', periods: 1, allocationStrategy: 'oldest-first' }));
    const refused = await runCli('--data-dir', dir, 'product', 'add', '--file', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('allocationStrategy');
  });
});
