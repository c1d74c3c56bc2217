import { useStatus } from './useStatus';
import { can, type Permission } from '../../shared/platform/permissions';

/** Whether the signed-in user may do something; the main process checks again on every call. */
export function useCan(permission: Permission): boolean {
  const user = useStatus().data?.user;
  return user ? can(user.role, permission) : false;
}
