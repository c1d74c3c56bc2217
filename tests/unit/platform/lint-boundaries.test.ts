import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/** Lints a snippet as if it lived at `file`, and returns the boundary rule's messages. */
async function boundaryErrors(eslint: ESLint, file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries are enforced by lint', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: process.cwd() });
  });

  it('forbids electron in shared/', async () => {
    const errors = await boundaryErrors(eslint, 'shared/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(errors).toEqual([expect.stringContaining('Only electron/main and electron/preload may import electron')]);
  });

  it('forbids node built-ins and better-sqlite3 in shared/ and renderer/', async () => {
    for (const file of ['shared/fixture.ts', 'renderer/fixture.ts']) {
      expect(await boundaryErrors(eslint, file, "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
      expect(await boundaryErrors(eslint, file, "import fs from 'fs';\nexport const x = fs;\n")).toHaveLength(1);
      expect(await boundaryErrors(eslint, file, "import D from 'better-sqlite3';\nexport const x = D;\n")).toHaveLength(1);
    }
  });

  it('forbids electron in db/ and electron/services, allows it in electron/main', async () => {
    const code = "import { app } from 'electron';\nexport const x = app;\n";
    expect(await boundaryErrors(eslint, 'db/fixture.ts', code)).toHaveLength(1);
    expect(await boundaryErrors(eslint, 'electron/services/fixture.ts', code)).toHaveLength(1);
    expect(await boundaryErrors(eslint, 'electron/cli/fixture.ts', code)).toHaveLength(1);
    expect(await boundaryErrors(eslint, 'electron/main/fixture.ts', code)).toEqual([]);
  });

  it('keeps the renderer away from db/ and the main process code', async () => {
    const code = "import { openDatabase } from '../db/open';\nexport const x = openDatabase;\n";
    expect(await boundaryErrors(eslint, 'renderer/fixture.ts', code)).toEqual([
      expect.stringContaining('typed API client only'),
    ]);
  });

  it('reads the wall clock nowhere but shared/dates/clock.ts, in the app and in the tests', async () => {
    const clockErrors = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: file });
      return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').length;
    };
    for (const file of ['electron/services/fixture.ts', 'shared/fixture.ts', 'db/fixture.ts', 'renderer/fixture.tsx', 'tests/unit/fixture.test.ts']) {
      expect(await clockErrors(file, 'export const a = new Date();\n'), file).toBe(1);
      expect(await clockErrors(file, 'export const a = Date.now();\n'), file).toBe(1);
      expect(await clockErrors(file, 'export const a = [1].map(Date.now);\n'), file).toBe(1);
      expect(await clockErrors(file, 'export const a = Date();\n'), file).toBe(1);
      expect(await clockErrors(file, "import dayjs from 'dayjs';\nexport const a = dayjs();\n"), file).toBe(1);
      // A given instant or date is not the clock.
      expect(await clockErrors(file, "import dayjs from 'dayjs';\nexport const a = [new Date(0), Date.UTC(2026, 0, 1), Date.parse('2026-01-01'), dayjs('2026-01-01')];\n"), file).toBe(0);
    }
  });

  it('refuses an import cycle between modules', async () => {
    // Two files that import each other, on disk (the rule follows the imports), removed afterwards.
    const folder = path.join('shared', `__cycle_fixture_${process.pid}__`);
    fs.mkdirSync(folder, { recursive: true });
    try {
      fs.writeFileSync(path.join(folder, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      fs.writeFileSync(path.join(folder, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
      const results = await eslint.lintFiles([folder]);
      const cycles = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'import-x/no-cycle'));
      expect(cycles).toHaveLength(2);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
