/** The schedule calculator (试算): terms in, schedule and APR disclosure out, with the rate caps applied. */
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import { generateSchedule } from '../../../shared/schedule/generate';
import { toScheduleTerms } from '../../../shared/schedule/terms';
import type { Schedule } from '../../../shared/schedule/types';
import { disclosedApr, toWireSchedule, type ScheduleWarning, type WireSchedule } from '../../../shared/schedule/wire';
import type { ServiceContext } from '../context';
import { setting } from '../platform/settings';
import { scheduleWorkbook } from './schedule-xlsx';

type Request = ChannelParsedInput<'schedule.calculate'>;

/** The APR caps of the settings (percent strings, as configured). */
export interface RateCaps {
  hardCap: string;
  warning: string;
}

export function rateCaps(ctx: Pick<ServiceContext, 'db'>): RateCaps {
  return { hardCap: setting(ctx, 'lending.aprHardCapPercent'), warning: setting(ctx, 'lending.aprWarningPercent') };
}

/** Compares the disclosed APR (2 decimals, as shown) with the caps; blocks above the hard cap. */
function capWarnings({ hardCap, warning }: RateCaps, disclosed: WireSchedule['apr'], allowAboveCap: boolean): ScheduleWarning[] {
  const apr = Number(disclosed.simple);
  const warnings: ScheduleWarning[] = [];
  if (apr > Number(hardCap)) {
    if (!allowAboveCap) {
      throw new AppError('validation', `terms.annualRate: the APR ${disclosed.simple}% is above the hard cap of ${hardCap}%`, {
        field: 'terms.annualRate',
        reason: 'aprAboveCap',
        params: { apr: disclosed.simple, cap: hardCap },
      });
    }
    warnings.push({
      reason: 'aprAboveCapOverridden',
      message: `the APR ${disclosed.simple}% is above the hard cap of ${hardCap}%: computed by explicit override`,
      params: { apr: disclosed.simple, cap: hardCap },
    });
  } else if (apr > Number(warning)) {
    warnings.push({
      reason: 'aprAboveWarning',
      message: `the APR ${disclosed.simple}% is above ${warning}% (4 × the one-year LPR)`,
      params: { apr: disclosed.simple, limit: warning },
    });
  }
  return warnings;
}

export function computeSchedule(ctx: ServiceContext, input: Request): { schedule: Schedule; wire: WireSchedule } {
  const { schedule, warnings } = offeredSchedule(rateCaps(ctx), input);
  return { schedule, wire: toWireSchedule(schedule, warnings) };
}

/** The schedule of terms on offer, its disclosed APR and the caps' warnings (refused above the hard cap), without the wire form a loan's entry does not show. */
export function offeredSchedule(caps: RateCaps, input: Request): { schedule: Schedule; apr: WireSchedule['apr']; warnings: ScheduleWarning[] } {
  const schedule = generateSchedule(toScheduleTerms(input.terms));
  const apr = disclosedApr(schedule);
  return { schedule, apr, warnings: capWarnings(caps, apr, input.allowAboveCap) };
}

export function calculateSchedule(ctx: ServiceContext, input: Request): ChannelOutput<'schedule.calculate'> {
  return computeSchedule(ctx, input).wire;
}

export async function exportScheduleXlsx(
  ctx: ServiceContext,
  input: ChannelParsedInput<'schedule.exportXlsx'>,
): Promise<ChannelOutput<'schedule.exportXlsx'>> {
  const { schedule, wire } = computeSchedule(ctx, input);
  const buffer = await scheduleWorkbook(schedule, wire, input.language, ctx.now()).xlsx.writeBuffer();
  return {
    fileName: `repayment-schedule-${wire.installments[0]?.periodStart ?? 'terms'}.xlsx`,
    contentBase64: Buffer.from(buffer).toString('base64'),
  };
}
