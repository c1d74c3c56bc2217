/**
 * Roles and what they may do. The main process checks these for every channel; the UI only uses
 * them to hide what would be refused anyway.
 */
export const roles = [
  'administrator',
  'loan-officer',
  'guarantee-officer',
  'collector',
  'accountant',
  'manager',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  /** Signed in as anyone: own session, own password, status bar. */
  'session',
  'borrower.read',
  'borrower.write',
  /** Applications, disbursements, repayments, reversals, settlements. */
  'loan.write',
  'guarantee.read',
  /** Partner banks, guarantee contracts, bank repayments, recoveries. */
  'guarantee.write',
  /** Moving the business date forward (日终). */
  'day.close',
  /** Approving or rejecting an application (审批). */
  'loan.approve',
  /** Full identity numbers and phone numbers; without it they are masked. */
  'personal-data.read',
  /** The schedule calculator (试算): pure computation. */
  'schedule.calculate',
  'settings.read',
  'settings.write',
  'users.manage',
  'audit.read',
  'backup.manage',
  /** Generating demo data: administrators only. */
  'demo.generate',
  /** The collections queue, contact history, promises and limitation periods. */
  'collections.read',
  /** Logging contacts and promises to pay (催收记录). */
  'collections.write',
  /** Assigning and rotating accounts between collectors (交叉清收). */
  'collections.assign',
  /** Vouchers, the trial balance and the voucher export (记账凭证、科目余额表). */
  'ledger.read',
  /** Importing existing books from spreadsheets (导入). */
  'data.import',
] as const;
export type Permission = (typeof permissions)[number];

/** Channels anyone may call before signing in: status, first-run setup, sign-in. */
export type ChannelPermission = Permission | 'public';

const EVERYONE: Permission[] = ['session', 'schedule.calculate', 'borrower.read', 'guarantee.read'];
const OVERSIGHT: Permission[] = [...EVERYONE, 'personal-data.read', 'settings.read', 'audit.read', 'collections.read', 'ledger.read'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: permissions,
  'loan-officer': [...EVERYONE, 'borrower.write', 'loan.write', 'personal-data.read'],
  'guarantee-officer': [...EVERYONE, 'borrower.write', 'guarantee.write', 'personal-data.read'],
  // Collectors see identity numbers and phones masked (PIPL: the minimum needed).
  collector: [...EVERYONE, 'collections.read', 'collections.write'],
  accountant: [...EVERYONE, 'personal-data.read', 'ledger.read', 'data.import'],
  manager: [...OVERSIGHT, 'loan.approve', 'collections.write', 'collections.assign'],
  auditor: OVERSIGHT,
};

export function can(role: Role, permission: ChannelPermission): boolean {
  return permission === 'public' || rolePermissions[role].includes(permission);
}

/** Who is acting. The CLI on the machine that holds the data acts as the local administrator. */
export interface Actor {
  userName: string;
  role: Role;
  userId?: number;
}

export const LOCAL_ADMINISTRATOR: Actor = { userName: 'local-admin', role: 'administrator' };
