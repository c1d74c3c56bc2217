import { z } from 'zod';
import { channel } from './channel';
import { termsSchema } from '../schedule/terms';
import { wireSchedule } from '../schedule/wire';

export const scheduleRequest = z.strictObject({
  terms: termsSchema,
  /** Compute even when the APR is above the hard cap (recorded as an explicit override). */
  allowAboveCap: z.boolean().default(false),
});

export const scheduleChannels = {
  /** 试算: a repayment schedule with its APR disclosure, from the public terms format. */
  'schedule.calculate': channel({
    input: scheduleRequest,
    output: wireSchedule,
    permission: 'schedule.calculate',
    mutates: false,
  }),
  /** The same schedule as an Excel workbook (base64), for the renderer to save. */
  'schedule.exportXlsx': channel({
    input: scheduleRequest.extend({ language: z.enum(['zh-CN', 'en']).default('zh-CN') }),
    output: z.object({ fileName: z.string(), contentBase64: z.string() }),
    permission: 'schedule.calculate',
    mutates: false,
  }),
};
