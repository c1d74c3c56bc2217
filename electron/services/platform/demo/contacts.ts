/**
 * The demo's collection work: calls, text messages and visits on the loans in arrears since they fell
 * behind, in the debtor's daytime hours, loaded through the contact-log loader (the same guards as a
 * contact logged by hand). Written-off loans are worked over the last year.
 */
import { loansInArrears } from '../../../../db/repositories/collections/collections';
import { contract } from '../../../../shared/contract';
import { AppError } from '../../../../shared/contract/errors';
import { formatIsoDate, parseIsoDate } from '../../../../shared/dates/calendar';
import { loadContactLog, type ContactEntry } from '../../collections/contact-log';
import type { ServiceContext } from '../../context';
import { businessDate } from '../status';
import { setting } from '../settings';
import { instantOfLocal } from '../../../../shared/collections/guards';
import type { SeededRandom } from './random';

const OUTCOMES = {
  phone: ['承诺月底前还款', '无人接听', '关机', '称资金周转困难，请求延期', '同意先还利息', '拒绝沟通，已告知逾期后果'],
  sms: ['已发送逾期提醒短信', '已发送还款账户信息'],
  visit: ['上门拜访，借款人在场，称下周回款后还款', '上门未遇，已留催收通知书'],
} as const;

export function generateContacts(ctx: ServiceContext, random: SeededRandom, count: number): number {
  if (count === 0) return 0;
  const arrears = loansInArrears(ctx.db);
  if (arrears.length === 0) throw new AppError('validation', 'contacts: there are no loans in arrears to work; add --loans', { field: 'contacts', reason: 'noArrears' });
  const today = parseIsoDate(businessDate(ctx))!;
  const officeTimeZone = setting(ctx, 'platform.officeTimeZone');
  const entries: ContactEntry[] = [];
  for (let k = 0; k < count; k++) {
    const loan = random.pick(arrears);
    const behind = Math.max(1, Math.min(loan.dpd > 0 ? loan.dpd : 360, 720));
    const day = formatIsoDate(today - random.int(0, behind - 1));
    const channel = random.pick(['phone', 'phone', 'phone', 'phone', 'phone', 'phone', 'sms', 'sms', 'visit'] as const);
    // Daytime on the debtor's clock, recorded as the instant it was.
    const time = `${String(random.int(9, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
    const at = instantOfLocal(`${day}T${time}`, loan.timeZone ?? officeTimeZone).toISOString();
    const input = contract['collections.logContact'].input.parse({
      contractNo: loan.contractNo,
      at,
      channel,
      party: 'borrower',
      outcome: random.pick(OUTCOMES[channel]),
      demandDelivered: channel === 'visit' && random.chance(0.5),
      ...(random.chance(0.3) ? { nextActionOn: formatIsoDate(today + random.int(1, 14)) } : {}),
    });
    entries.push(input);
  }
  // In the order they happened (the sort is stable: contacts at the same instant keep their order), so the
  // call limit counts each claim's calls as they came.
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return loadContactLog(ctx, entries).contacts;
}
