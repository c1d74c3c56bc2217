import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export function useStatus() {
  return useQuery({ queryKey: ['platform.status'], queryFn: () => api('platform.status', {}) });
}

/**
 * The office's business date, for screens behind the sign-in (AuthGate has the status before it shows
 * them). Dates a user is offered start here, never at the PC's clock: a close not yet run, or a PC set
 * to the wrong day, must not move a loan's date.
 */
export function useBusinessDate(): string {
  const date = useStatus().data?.businessDate;
  if (!date) throw new Error('the business date was read before the status loaded (outside AuthGate?)');
  return date;
}
