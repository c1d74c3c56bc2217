#!/usr/bin/env node
// Prints the totals of a vitest JSON report as one plain line: "tests: N passed, N failed, N skipped".
import fs from 'node:fs';

const file = process.argv[2] ?? '.vitest-results/results.json';
if (!fs.existsSync(file)) {
  console.log('tests: 0 passed, 1 failed');
  console.error(`no test report at ${file}: the test run did not finish`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`tests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
process.exit(report.numFailedTests > 0 || report.numPassedTests === 0 ? 1 : 0);
