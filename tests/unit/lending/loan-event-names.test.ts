/** Every event a loan's history can hold is named in both languages (codes are never shown raw). */
import { describe, expect, it } from 'vitest';
import { STEP_EVENTS } from '../../../shared/lending/lifecycle/steps';
import { zhCN } from '../../../renderer/app/i18n/zh-CN';
import { en } from '../../../renderer/app/i18n/en';

/** The events the services record besides the steps: entry, the refresh's status changes, a reversal. */
const OTHER_EVENTS = ['applied', 'approved', 'rejected', 'disbursed', 'settled', 'reopened', 'reversal'];

describe('loan event names', () => {
  it('has a Chinese and an English name for every event', () => {
    for (const event of [...Object.values(STEP_EVENTS), ...OTHER_EVENTS]) {
      expect(zhCN.loans.events, event).toHaveProperty([event]);
      expect(en.loans.events, event).toHaveProperty([event]);
    }
  });
});
