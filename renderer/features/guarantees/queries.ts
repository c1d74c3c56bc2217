import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelName } from '../../../shared/contract';
import type { GuaranteeView } from '../../../shared/guarantees/guarantee';
import { api } from '../../api/client';

export function useGuaranteePage(filters: ChannelInput<'guarantee.list'>) {
  return useQuery({ queryKey: ['guarantees', filters], queryFn: () => api('guarantee.list', filters), placeholderData: keepPreviousData });
}

export function useGuarantee(contractNo: string | null) {
  return useQuery({ queryKey: ['guarantee', contractNo], queryFn: () => api('guarantee.get', { contractNo: contractNo! }), enabled: contractNo !== null });
}

type GuaranteeAction =
  | 'guarantee.create'
  | 'guarantee.approve'
  | 'guarantee.activate'
  | 'guarantee.repay'
  | 'guarantee.release'
  | 'guarantee.compensate'
  | 'guarantee.recover'
  | 'guarantee.confirmLoss'
  | 'guarantee.addCounterGuarantee'
  | 'guarantee.raiseSignal'
  | 'guarantee.clearSignal'
  | 'monitoring.record';

/** A step on a contract; afterwards the register, the task list, the alerts, the ratios and the banks are read again. */
export function useGuaranteeAction<C extends GuaranteeAction & ChannelName>(channel: C) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => api(channel, input) as Promise<GuaranteeView>,
    onSuccess: (contract) => {
      client.setQueryData(['guarantee', contract.contractNo], contract);
      for (const key of ['guarantees', 'monitoring.due', 'guarantee.alerts', 'guarantee.ratios', 'banks']) void client.invalidateQueries({ queryKey: [key] });
    },
  });
}
