import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../../shared/contract';
import { api } from '../../../api/client';

export function useLoanPage(filters: ChannelInput<'loan.list'>) {
  return useQuery({ queryKey: ['loans', filters], queryFn: () => api('loan.list', filters), placeholderData: keepPreviousData });
}

export function useLoan(contractNo: string | null) {
  return useQuery({ queryKey: ['loan', contractNo], queryFn: () => api('loan.get', { contractNo: contractNo! }), enabled: contractNo !== null });
}

type LoanAction = 'loan.approve' | 'loan.disburse' | 'loan.repay' | 'loan.reverse' | 'loan.settle' | 'loan.create' | 'loan.classify' | 'loan.writeOff' | 'loan.recover';

/** A lifecycle step; afterwards the register and the loan are read again. */
export function useLoanAction<C extends LoanAction & ChannelName>(channel: C) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => api(channel, input),
    onSuccess: (loan) => {
      client.setQueryData(['loan', loan.contractNo], loan);
      void client.invalidateQueries({ queryKey: ['loans'] });
    },
  });
}
