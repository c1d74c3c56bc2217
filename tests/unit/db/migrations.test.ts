import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, openMarker, readJournal } from '../../../db/open';
import { migrationsFolder } from '../../../db/migrations-path';
import { tempDataDir } from '../../helpers/runtime';

describe('migrations', () => {
  it('journal is well ordered: drizzle silently skips a migration older than the newest applied', () => {
    const entries = readJournal(migrationsFolder());
    expect(entries.length).toBeGreaterThan(0);
    entries.forEach((entry, index) => {
      expect(entry.idx).toBe(index);
      expect(fs.existsSync(path.join(migrationsFolder(), `${entry.tag}.sql`))).toBe(true);
      if (index > 0) expect(entry.when).toBeGreaterThan(entries[index - 1]!.when);
    });
  });

  it('opens a new database with WAL, foreign keys and every migration applied', async () => {
    const dir = tempDataDir();
    const opened = await openDatabase({ file: path.join(dir, 'a.db'), migrationsFolder: migrationsFolder() });
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.schemaVersion).toBe(readJournal(migrationsFolder()).length);
    expect(opened.preMigrationBackup).toBeNull();
    const tables = opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['borrowers', 'borrower_related_persons', 'settings']));
    opened.close();
  });

  it('refuses a database written by a newer version, leaving it untouched', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'a.db');
    (await openDatabase({ file, migrationsFolder: migrationsFolder() })).close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.UTC(2100, 0, 1));
    raw.close();
    const before = fs.readFileSync(file);
    await expect(openDatabase({ file, migrationsFolder: migrationsFolder() })).rejects.toMatchObject({
      code: 'database-too-new',
      message: expect.stringContaining('newer version of LoanBridge'),
    });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('backs the file up before applying a pending migration, inside one transaction', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'a.db');
    // Build a migrations folder whose second migration is new to the database.
    const folder = path.join(dir, 'migrations');
    fs.cpSync(migrationsFolder(), folder, { recursive: true });
    (await openDatabase({ file, migrationsFolder: folder })).close();
    const journalPath = path.join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8'));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_extra' });
    fs.writeFileSync(journalPath, JSON.stringify(journal));
    fs.writeFileSync(path.join(folder, '9999_extra.sql'), 'CREATE TABLE extra (id integer);\n--> statement-breakpoint\nCREATE TABLE extra (id integer);');

    // The broken migration fails and rolls back: no half-applied schema, and a backup was taken first.
    await expect(openDatabase({ file, migrationsFolder: folder })).rejects.toThrow(/extra/);
    const raw = new Database(file);
    expect(raw.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name='extra'").pluck().get()).toBe(0);
    raw.close();
    const backups = fs.readdirSync(path.join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^loanbridge-pre-migration-.*\.db$/);

    fs.writeFileSync(path.join(folder, '9999_extra.sql'), 'CREATE TABLE extra (id integer);');
    const opened = await openDatabase({ file, migrationsFolder: folder });
    expect(opened.schemaVersion).toBe(journal.entries.length);
    expect(opened.preMigrationBackup).toMatch(/pre-migration/);
    opened.close();
  });

  it('payment_month_totals: receipts recorded before the migration are totalled by it, and the triggers keep them after', async () => {
    const file = await databaseBefore('0021_payment_month_totals');
    const raw = new Database(file);
    // No loan rows behind these receipts: only the backfill and the triggers are under test.
    raw.pragma('foreign_keys = OFF');
    const insert = raw.prepare("INSERT INTO payments (loan_id, value_date, amount, channel, status, kind, created_at, created_by) VALUES (1, ?, ?, 'bank', ?, ?, 'x', 'x')");
    for (const [date, fen, status, kind] of [['2026-01-05', 100, 'posted', 'repayment'], ['2026-01-31', 250, 'posted', 'repayment'], ['2026-01-20', 70, 'reversed', 'repayment'], ['2026-02-01', 999, 'posted', 'recovery']] as const) insert.run(date, fen, status, kind);
    raw.close();
    const opened = await openDatabase({ file, migrationsFolder: migrationsFolder() });
    const totals = () => opened.sqlite.prepare('SELECT month, status, kind, amount, payments FROM payment_month_totals WHERE payments <> 0 ORDER BY 1, 2, 3').raw().all();
    expect(totals()).toEqual([
      ['2026-01', 'posted', 'repayment', 350, 2],
      ['2026-01', 'reversed', 'repayment', 70, 1],
      ['2026-02', 'posted', 'recovery', 999, 1],
    ]);
    opened.sqlite.pragma('foreign_keys = OFF');
    opened.sqlite.prepare("UPDATE payments SET status = 'reversed' WHERE amount = 250").run();
    opened.sqlite.prepare("INSERT INTO payments (loan_id, value_date, amount, channel, status, kind, created_at, created_by) VALUES (1, '2026-02-10', 1, 'bank', 'posted', 'repayment', 'x', 'x')").run();
    expect(totals()).toEqual([
      ['2026-01', 'posted', 'repayment', 100, 1],
      ['2026-01', 'reversed', 'repayment', 320, 2],
      ['2026-02', 'posted', 'recovery', 999, 1],
      ['2026-02', 'posted', 'repayment', 1, 1],
    ]);
    opened.close();
  });

  it('guarantee exposures: contracts recorded before the migration are weighed by it, per client and class and in total', async () => {
    const file = await databaseBefore('0025_guarantee_exposure_triggers');
    insertContracts(file, [
      ['G1', 1, 'loan', 'small-micro', null, 1_001, 'in-force', 0], // 75% of 1,001 fen = 750.75 → 751
      ['G2', 1, 'loan', 'farm-household', null, 2_000, 'in-force', 500],
      ['G3', 1, 'bond', 'other', 'AA+', 3_001, 'in-force', 0], // 80% = 2,400.8 → 2,401
      ['G4', 1, 'bond', 'other', 'A+', 500, 'in-force', 0],
      ['G5', 2, 'loan', 'other', null, 9_000, 'released', 9_000],
      ['G6', 2, 'loan', 'small-micro', null, 7_000, 'approved', 0],
    ]);
    const opened = await openDatabase({ file, migrationsFolder: migrationsFolder() });
    const rows = () => opened.sqlite.prepare('SELECT * FROM guarantee_client_exposures ORDER BY client_id').raw().all();
    // Client 2 has nothing in force: no row.
    const total = () => opened.sqlite.prepare('SELECT weighted FROM guarantee_liability_total').pluck().all();
    expect(rows()).toEqual([[1, 1_001, 751, 1_500, 1_125, 0, 2_401, 500]]);
    expect(total()).toEqual([751 + 1_125 + 2_401 + 500]);
    opened.sqlite.prepare("UPDATE guarantee_contracts SET status = 'in-force' WHERE contract_no = 'G6'").run();
    opened.sqlite.prepare("UPDATE guarantee_contracts SET status = 'compensated' WHERE contract_no IN ('G1', 'G2', 'G3', 'G4')").run();
    expect(rows()).toEqual([[2, 7_000, 5_250, 0, 0, 0, 0, 0]]);
    expect(total()).toEqual([5_250]);
    opened.close();
  });

  it('guarantee bank exposures: each bank’s in-force balance is summed by the migration, and the triggers keep it', async () => {
    const file = await databaseBefore('0029_guarantee_bank_exposures');
    insertContracts(file, [
      ['B1', 1, 'loan', 'small-micro', null, 10_000, 'in-force', 2_500, 1],
      ['B2', 2, 'loan', 'other', null, 4_000, 'in-force', 0, 1],
      ['B3', 3, 'loan', 'other', null, 6_000, 'released', 6_000, 1],
      ['B4', 3, 'loan', 'other', null, 3_000, 'in-force', 1_000, 2],
      ['B5', 4, 'loan', 'other', null, 8_000, 'approved', 0, 3],
    ]);
    const opened = await openDatabase({ file, migrationsFolder: migrationsFolder() });
    const rows = () => opened.sqlite.prepare('SELECT bank_id, in_force FROM guarantee_bank_exposures ORDER BY bank_id').raw().all();
    // Bank 3 has nothing in force yet: no row.
    expect(rows()).toEqual([[1, 7_500 + 4_000], [2, 2_000]]);
    // The contracts' banks and clients were never recorded here.
    opened.sqlite.pragma('foreign_keys = OFF');
    opened.sqlite.prepare("UPDATE guarantee_contracts SET status = 'in-force' WHERE contract_no = 'B5'").run();
    opened.sqlite.prepare("UPDATE guarantee_contracts SET repaid_to_bank = 3_000 WHERE contract_no = 'B1'").run();
    opened.sqlite.prepare("UPDATE guarantee_contracts SET bank_id = 1 WHERE contract_no = 'B4'").run();
    opened.sqlite.prepare("UPDATE guarantee_contracts SET status = 'released' WHERE contract_no = 'B2'").run();
    expect(rows()).toEqual([[1, 7_000 + 2_000], [2, 0], [3, 8_000]]);
    opened.close();
  });

  it('refuses to open a damaged file for writing', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'a.db');
    const opened = await openDatabase({ file, migrationsFolder: migrationsFolder() });
    opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    opened.close();
    const bytes = fs.readFileSync(file);
    // Overwrite the second page (a table's b-tree page) with garbage.
    bytes.fill(0xab, 4096, 8192);
    fs.writeFileSync(file, bytes);
    await expect(openDatabase({ file, migrationsFolder: migrationsFolder() })).rejects.toMatchObject({
      code: expect.stringMatching(/database-damaged|SQLITE_CORRUPT/),
    });
  });

  it('quick start: checks integrity only after an unclean close, which the open-marker file reveals', async () => {
    const dir = tempDataDir();
    const file = path.join(dir, 'a.db');
    const quick = { file, migrationsFolder: migrationsFolder(), checkOnlyAfterUncleanClose: true };
    const first = await openDatabase(quick);
    expect(fs.existsSync(openMarker(file))).toBe(true);
    first.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const root = first.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'borrowers'").pluck().get() as number;
    first.close();
    expect(fs.existsSync(openMarker(file))).toBe(false);
    // Damage a page nothing reads at open (the borrowers table's root): after a clean close the check is
    // skipped and the file opens…
    const bytes = fs.readFileSync(file);
    bytes.fill(0xab, (root - 1) * 4096, root * 4096);
    fs.writeFileSync(file, bytes);
    (await openDatabase(quick)).close();
    // …but after a crash (the marker left behind) the check runs and refuses it.
    fs.writeFileSync(openMarker(file), '1\n');
    await expect(openDatabase(quick)).rejects.toMatchObject({ code: expect.stringMatching(/database-damaged|SQLITE_CORRUPT/) });
    // And the full check (the default) refuses it whatever the marker says.
    fs.rmSync(openMarker(file));
    await expect(openDatabase({ file, migrationsFolder: migrationsFolder() })).rejects.toMatchObject({ code: expect.stringMatching(/database-damaged|SQLITE_CORRUPT/) });
  });

  it('loan steps: a book on file gets its frozen terms, its steps linked to their payments and reversals, and its prepayments’ own installments', async () => {
    const file = await databaseBefore('0030_loan_steps_frozen_terms');
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('lending.daysPerYear', '365', 'x', 'x'), ('lending.roundingMode', '\"half-even\"', 'x', 'x'), ('lending.penaltyMarkupPercent', '\"30.00\"', 'x', 'x')").run();
    const terms = JSON.stringify({ principal: '1000.00', annualRate: '12.00', periods: 2, method: 'equal-installment', disbursementDate: '2026-01-15', restructuredFrom: '2026-02-01' });
    raw.prepare(`INSERT INTO loans (id, contract_no, borrower_id, security_type, loan_officer, principal, annual_rate, method, periods, terms, penalty_rate, compound_interest, grace_days, allocation_order, apr_percent, status, schedule_version, created_at, created_by, updated_at, updated_by)
      VALUES (1, 'L-1', 1, 'credit', 'x', 100000, 120000, 'equal-installment', 2, ?, 180000, 1, 0, '[]', '12.00', 'disbursed', 2, 'x', 'x', 'x', 'x')`).run(terms);
    const installment = raw.prepare(`INSERT INTO installments (loan_id, schedule_version, number, period_start, period_end, due_date, days, opening_balance, principal, interest, fees, closing_balance) VALUES (1, ?, ?, '2026-01-15', ?, ?, 30, 0, ?, ?, 0, 0)`);
    installment.run(1, 1, '2026-02-15', '2026-02-15', 50000, 1000);
    // Version 2 opens with the prepayment's own installment: 303.00 paid on 2026-02-10.
    installment.run(2, 1, '2026-02-10', '2026-02-10', 30000, 300);
    const payment = raw.prepare("INSERT INTO payments (id, loan_id, value_date, amount, channel, status, kind, created_at, created_by) VALUES (?, 1, ?, ?, 'bank', ?, 'repayment', 'x', 'x')");
    payment.run(1, '2026-02-05', 10000, 'posted');
    payment.run(2, '2026-02-10', 30300, 'posted');
    payment.run(3, '2026-02-12', 500, 'reversed');
    const event = raw.prepare("INSERT INTO loan_events (id, loan_id, event, business_date, detail, at, by) VALUES (?, 1, ?, ?, ?, 'x', 'x')");
    event.run(1, 'repayment', '2026-02-05', JSON.stringify({ paymentId: 1, amount: '100.00' }));
    event.run(2, 'prepayment', '2026-02-10', JSON.stringify({ amount: '303.00', principal: '300.00', interest: '3.00', mode: 'keep-term', scheduleVersion: 2 }));
    event.run(3, 'repayment', '2026-02-12', JSON.stringify({ paymentId: 3, amount: '5.00' }));
    event.run(4, 'reversal', '2026-02-13', JSON.stringify({ paymentId: 3, amount: '5.00', reason: '录错' }));
    raw.close();
    const opened = await openDatabase({ file, migrationsFolder: migrationsFolder() });
    const db = opened.sqlite;
    // Serviced until now under the settings as they stood: those are its terms from here on.
    expect(db.prepare('SELECT day_basis, rounding_mode, penalty_markup, allocation_strategy FROM loans').get()).toEqual({ day_basis: 365, rounding_mode: 'half-even', penalty_markup: 300_000, allocation_strategy: 'by-component' });
    expect(JSON.parse(db.prepare('SELECT terms FROM loans').pluck().get() as string)).not.toHaveProperty('restructuredFrom');
    expect(db.prepare('SELECT id, payment_id, reversed_by FROM loan_events ORDER BY id').raw().all()).toEqual([[1, 1, null], [2, 2, null], [3, 3, 4], [4, null, null]]);
    expect(db.prepare('SELECT schedule_version, number, penalty_rate, paid_by FROM installments ORDER BY schedule_version').raw().all()).toEqual([[1, 1, 180_000, null], [2, 1, 180_000, 2]]);
    opened.close();
  });
});

/** A database migrated up to (not including) the migration `tag`, to test what that migration does to existing rows. */
type ContractRow = readonly [no: string, client: number, type: string, size: string, rating: string | null, amount: number, status: string, repaid: number, bank?: number];

/** Contracts written straight into a database file, as an older version left them (bank 1 unless given). */
function insertContracts(file: string, contracts: readonly ContractRow[]): void {
  const raw = new Database(file);
  raw.pragma('foreign_keys = OFF');
  const insert = raw.prepare(`INSERT INTO guarantee_contracts (contract_no, client_id, bank_id, guarantee_type, client_size, issuer_rating, guaranteed_amount,
    bank_loan_rate, loan_start, loan_end, fee_rate, fee_charging, officer, status, repaid_to_bank, created_at, created_by, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, 0, '2026-01-01', '2027-01-01', 0, 'upfront', 'x', ?, ?, 'x', 'x', 'x', 'x')`);
  for (const [no, client, type, size, rating, amount, status, repaid, bank] of contracts) insert.run(no, client, bank ?? 1, type, size, rating, amount, status, repaid);
  raw.close();
}

async function databaseBefore(tag: string): Promise<string> {
  const dir = tempDataDir();
  const file = path.join(dir, 'a.db');
  const older = path.join(dir, 'migrations');
  fs.cpSync(migrationsFolder(), older, { recursive: true });
  const journalPath = path.join(older, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  if (at < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, at);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  (await openDatabase({ file, migrationsFolder: older })).close();
  return file;
}
