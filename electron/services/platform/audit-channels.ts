import { queryAudit } from '../../../db/repositories/platform/audit';
import { parseIsoDate, formatIsoDate } from '../../../shared/dates/calendar';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { ServiceContext } from '../context';
import { verifyAuditChain } from './audit';


/** Business dates in the filter are whole days in UTC instants' terms. */
function nextDay(date: string): string {
  return formatIsoDate(parseIsoDate(date)! + 1);
}

export function listAudit(ctx: ServiceContext, input: ChannelParsedInput<'audit.list'>): ChannelOutput<'audit.list'> {
  const { rows, total } = queryAudit(ctx.db, {
    entityType: input.entityType,
    entityId: input.entityId,
    userName: input.userName,
    channel: input.channel,
    ...(input.from ? { fromInstant: `${input.from}T00:00:00.000Z` } : {}),
    ...(input.to ? { toInstant: `${nextDay(input.to)}T00:00:00.000Z` } : {}),
    page: input.page,
    pageSize: input.pageSize,
  });
  return {
    items: rows.map((row) => ({
      id: row.id,
      at: row.at,
      userName: row.userName,
      role: row.role,
      channel: row.channel,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
      hash: row.hash,
    })),
    total,
    page: input.page,
    pageSize: input.pageSize,
  };
}

export function verifyAudit(ctx: ServiceContext): ChannelOutput<'audit.verify'> {
  return verifyAuditChain(ctx.db);
}
