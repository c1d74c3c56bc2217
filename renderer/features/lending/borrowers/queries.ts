import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/contract';
import type { BorrowerListInput } from '../../../../shared/lending/borrower';
import { api } from '../../../api/client';

export function useBorrowerPage(filters: BorrowerListInput) {
  return useQuery({
    queryKey: ['borrowers', filters],
    queryFn: () => api('borrower.list', filters),
    placeholderData: keepPreviousData,
  });
}

export function useBorrower(id: number | null) {
  return useQuery({
    queryKey: ['borrower', id],
    queryFn: () => api('borrower.get', { id: id! }),
    enabled: id !== null,
  });
}

export function useSaveBorrower() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'borrower.create'> | ChannelInput<'borrower.update'>) =>
      'id' in input ? api('borrower.update', input) : api('borrower.create', input),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['borrowers'] });
      client.setQueryData(['borrower', saved.id], saved);
    },
  });
}
