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
  'platform.read',
  'settings.write',
  'borrower.read',
  'borrower.write',
  /** Full identity numbers and phone numbers; without it they are masked. */
  'personal-data.read',
  /** Generating demo data: administrators only. */
  'demo.generate',
  /** The schedule calculator (试算): pure computation, open to every role. */
  'schedule.calculate',
] as const;
export type Permission = (typeof permissions)[number];

const READ_ONLY: Permission[] = ['platform.read', 'borrower.read', 'personal-data.read', 'schedule.calculate'];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: permissions,
  'loan-officer': ['platform.read', 'borrower.read', 'borrower.write', 'personal-data.read', 'schedule.calculate'],
  'guarantee-officer': ['platform.read', 'borrower.read', 'borrower.write', 'personal-data.read', 'schedule.calculate'],
  collector: ['platform.read', 'borrower.read', 'schedule.calculate'],
  accountant: READ_ONLY,
  manager: READ_ONLY,
  auditor: READ_ONLY,
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

/** Who is acting. The CLI and the single-user desktop start as the local administrator. */
export interface Actor {
  userName: string;
  role: Role;
}

export const LOCAL_ADMINISTRATOR: Actor = { userName: 'local-admin', role: 'administrator' };
