import { z } from 'zod';
import { channel } from './channel';
import { isoDate } from './fields';
import { roles } from '../platform/permissions';

export const platformChannels = {
  'platform.status': channel({
    input: z.strictObject({}).default({}),
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.number().int(),
      databaseFile: z.string(),
      /** The as-of business date (营业日期) all business events default to. */
      businessDate: isoDate,
      actor: z.object({ userName: z.string(), role: z.enum(roles) }),
    }),
    permission: 'platform.read',
    mutates: false,
  }),
  /** Fills the book with realistic demo data (one transaction: all or nothing). */
  'platform.demo': channel({
    input: z.strictObject({
      borrowers: z.number().int().min(0).max(1_000_000).default(200),
      loans: z.number().int().min(0).max(1_000_000).default(0),
      seed: z.number().int().min(0).max(2 ** 31).default(20261128),
    }),
    output: z.object({ borrowers: z.number().int(), loans: z.number().int() }),
    permission: 'demo.generate',
    mutates: true,
  }),
};
