import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../shared/contract';
import { checkTypes, lossEvidenceTypes, type GuaranteeView } from '../../../shared/guarantees/guarantee';
import { loanClasses } from '../../../shared/lending/classification';
import { api } from '../../api/client';
import { useCan } from '../../app/permissions';
import { ActionModal, type FieldSpec } from './ActionModal';
import { useGuaranteeAction } from './queries';

type Step = 'approve' | 'activate' | 'repay' | 'release' | 'compensate' | 'recover' | 'confirmLoss' | 'check' | 'signal' | 'counter';

/** The next steps a contract allows in its status, each for the role that may take it. */
export function ContractActions({ g }: { g: GuaranteeView }) {
  const { t, i18n } = useTranslation();
  const canWrite = useCan('guarantee.write');
  const canApprove = useCan('loan.approve');
  const [step, setStep] = useState<Step | null>(null);
  const actions = {
    approve: useGuaranteeAction('guarantee.approve'),
    activate: useGuaranteeAction('guarantee.activate'),
    repay: useGuaranteeAction('guarantee.repay'),
    release: useGuaranteeAction('guarantee.release'),
    compensate: useGuaranteeAction('guarantee.compensate'),
    recover: useGuaranteeAction('guarantee.recover'),
    confirmLoss: useGuaranteeAction('guarantee.confirmLoss'),
    check: useGuaranteeAction('monitoring.record'),
    signal: useGuaranteeAction('guarantee.raiseSignal'),
    counter: useGuaranteeAction('guarantee.addCounterGuarantee'),
  };
  const signals = useQuery({ queryKey: ['monitoring.signals'], queryFn: () => api('monitoring.signals', {}), enabled: step === 'signal' });
  const collateral = useQuery({ queryKey: ['collateral', 'all'], queryFn: () => api('collateral.list', {}), enabled: step === 'counter' });
  const people = useQuery({ queryKey: ['borrowers', 'guarantors'], queryFn: () => api('borrower.list', { pageSize: 200 }), enabled: step === 'counter' });
  const zh = i18n.language.startsWith('zh');
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  const contractNo = g.contractNo;

  const steps: Record<Step, { when: boolean; label: string; fields: FieldSpec[]; run: (v: Record<string, unknown>) => Promise<unknown>; primary?: boolean }> = {
    approve: {
      when: g.status === 'applied' && canApprove,
      label: t('guarantees.approve'),
      fields: [{ name: 'reviewDate', kind: 'date', required: true }, { name: 'members', kind: 'text', required: true }, { name: 'conditions', kind: 'textarea' }],
      run: (v) => actions.approve.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.approve'>),
      primary: true,
    },
    activate: { when: g.status === 'approved' && canWrite, label: t('guarantees.activate'), fields: [{ name: 'date', kind: 'date', hint: t('guarantees.activateHint') }], run: (v) => actions.activate.mutateAsync({ contractNo, ...v }), primary: true },
    check: {
      when: g.status === 'in-force' && canWrite,
      label: t('guarantees.recordCheck'),
      fields: [
        { name: 'checkedOn', kind: 'date' },
        { name: 'checkType', kind: 'select', required: true, options: options(checkTypes, 'guarantees.checkTypes'), initial: 'site-visit' },
        { name: 'riskGrade', kind: 'select', required: true, options: options(loanClasses, 'loans.classes'), initial: 'normal' },
        { name: 'findings', kind: 'textarea', required: true },
        { name: 'nextCheckOn', kind: 'date', hint: t('guarantees.nextCheckHint') },
      ],
      run: (v) => actions.check.mutateAsync({ contractNo, ...v } as ChannelInput<'monitoring.record'>),
      primary: true,
    },
    repay: { when: g.status === 'in-force' && canWrite, label: t('guarantees.bankRepayment'), fields: [{ name: 'amount', kind: 'amount', required: true }, { name: 'date', kind: 'date' }], run: (v) => actions.repay.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.repay'>) },
    release: { when: g.status === 'in-force' && canWrite, label: t('guarantees.release'), fields: [{ name: 'date', kind: 'date' }], run: (v) => actions.release.mutateAsync({ contractNo, ...v }) },
    signal: {
      when: g.status === 'in-force' && canWrite,
      label: t('guarantees.raiseSignal'),
      fields: [{ name: 'signal', kind: 'select', required: true, options: (signals.data ?? []).map((s) => ({ value: s.code, label: zh ? s.zh : s.en })) }, { name: 'date', kind: 'date' }, { name: 'detail', kind: 'textarea' }],
      run: (v) => actions.signal.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.raiseSignal'>),
    },
    counter: {
      when: !['closed', 'loss', 'released'].includes(g.status) && canWrite,
      label: t('guarantees.addCounterGuarantee'),
      fields: [
        { name: 'kind', kind: 'select', required: true, options: options(['mortgage', 'pledge', 'guarantee', 'margin'], 'guarantees.counterKinds'), initial: 'mortgage' },
        { name: 'collateralId', kind: 'select', options: (collateral.data ?? []).map((c) => ({ value: c.id, label: `${c.description}（${c.available}）` })) },
        { name: 'guarantorId', kind: 'select', options: (people.data?.items ?? []).map((b) => ({ value: b.id, label: b.name })) },
        { name: 'securedAmount', kind: 'amount', required: true },
      ],
      run: (v) => actions.counter.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.addCounterGuarantee'>),
    },
    compensate: { when: g.status === 'in-force' && canApprove, label: t('guarantees.compensate'), fields: [{ name: 'amount', kind: 'amount', required: true, initial: g.outstanding }, { name: 'date', kind: 'date' }], run: (v) => actions.compensate.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.compensate'>) },
    recover: {
      when: (g.status === 'compensated' || g.status === 'recovering') && canWrite,
      label: t('guarantees.recover'),
      fields: [{ name: 'amount', kind: 'amount', required: true }, { name: 'source', kind: 'select', options: options(['client', 'guarantor', 'collateral-sale', 'other'], 'guarantees.recoverySources'), initial: 'client' }, { name: 'date', kind: 'date' }],
      run: (v) => actions.recover.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.recover'>),
      primary: true,
    },
    confirmLoss: {
      when: (g.status === 'compensated' || g.status === 'recovering') && canApprove,
      label: t('guarantees.confirmLoss'),
      fields: [{ name: 'amount', kind: 'amount', required: true, initial: g.compensationBalance }, { name: 'evidenceType', kind: 'select', required: true, options: options(lossEvidenceTypes, 'guarantees.evidence') }, { name: 'documentNo', kind: 'text', required: true }, { name: 'date', kind: 'date' }],
      run: (v) => actions.confirmLoss.mutateAsync({ contractNo, ...v } as ChannelInput<'guarantee.confirmLoss'>),
    },
  };
  const open = step ? steps[step] : null;
  return (
    <Space wrap>
      {(Object.keys(steps) as Step[])
        .filter((key) => steps[key].when)
        .map((key) => (
          <Button key={key} type={steps[key].primary ? 'primary' : 'default'} onClick={() => setStep(key)} data-testid={`action-${key}`}>
            {steps[key].label}
          </Button>
        ))}
      {open && step && (
        <ActionModal open title={open.label} testId={`guarantee-${step}`} fields={open.fields} submitLabel={open.label} done={t('guarantees.done')} onClose={() => setStep(null)} onSubmit={open.run} />
      )}
    </Space>
  );
}
