import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export function useStatus() {
  return useQuery({ queryKey: ['platform.status'], queryFn: () => api('platform.status', {}) });
}
