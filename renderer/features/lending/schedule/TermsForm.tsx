import { Col, DatePicker, Form, InputNumber, Row, Select } from 'antd';
import type { FormInstance } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { roundingModes } from '../../../../shared/money/rounding';
import { defaultDayCount, type TermsInput } from '../../../../shared/schedule/terms';
import { dayCounts, dueDateRules, frequencies, repaymentMethods } from '../../../../shared/schedule/types';

export interface TermsFormValues {
  principal: string;
  annualRate: string;
  periods: number;
  frequency: TermsInput['frequency'];
  method: TermsInput['method'];
  interestOnlyPeriods: number;
  disbursementDate: Dayjs;
  firstDueDate?: Dayjs | null;
  repaymentDay?: number | null;
  dayCount: TermsInput['dayCount'];
  roundingMode: TermsInput['roundingMode'];
  installmentMultiple: string;
  upfrontFee: string;
  periodicFee: string;
  dueDateRule: TermsInput['dueDateRule'];
}

/** A new loan's terms, lent on the office's business date (never the PC's clock). */
export function defaultTerms(businessDate: string): TermsFormValues {
  return { ...TERMS_BESIDE_THE_DATE, disbursementDate: dayjs(businessDate) };
}

const TERMS_BESIDE_THE_DATE: Omit<TermsFormValues, 'disbursementDate'> = {
  principal: '100000.00',
  annualRate: '12.00',
  periods: 12,
  frequency: 'monthly',
  method: 'equal-installment',
  interestOnlyPeriods: 0,
  firstDueDate: null,
  repaymentDay: null,
  dayCount: '30/360',
  roundingMode: 'half-up',
  installmentMultiple: '0.01',
  upfrontFee: '0.00',
  periodicFee: '0.00',
  dueDateRule: 'keep',
};

const DATE = 'YYYY-MM-DD';

/** The public terms format from the form: yuan and percent stay decimal strings, never floats. */
export function toTermsInput(values: TermsFormValues): TermsInput {
  const amortizes = values.method === 'equal-installment' || values.method === 'equal-principal';
  return {
    principal: String(values.principal ?? ''),
    annualRate: String(values.annualRate ?? ''),
    periods: Number(values.periods),
    frequency: values.frequency,
    method: values.method,
    interestOnlyPeriods: amortizes ? Number(values.interestOnlyPeriods ?? 0) : 0,
    disbursementDate: values.disbursementDate?.format(DATE) ?? '',
    firstDueDate: values.firstDueDate ? values.firstDueDate.format(DATE) : null,
    repaymentDay: values.repaymentDay ?? null,
    dayCount: values.dayCount,
    roundingMode: values.roundingMode,
    installmentMultiple: values.installmentMultiple,
    upfrontFee: String(values.upfrontFee ?? '0'),
    periodicFee: String(values.periodicFee ?? '0'),
    dueDateRule: values.dueDateRule,
  };
}

const money = (value: string | number | undefined) => `${value ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const unmoney = (value: string | undefined) => (value ?? '').replace(/,/g, '');

export function TermsForm({
  form,
  initialValues,
  onChange,
}: {
  form: FormInstance<TermsFormValues>;
  initialValues: TermsFormValues;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const method = Form.useWatch('method', form);
  const frequency = Form.useWatch('frequency', form);
  const amortizes = method === 'equal-installment' || method === 'equal-principal';
  const options = <T extends string>(values: readonly T[], group: string) =>
    values.map((value) => ({ value, label: t(`${group}.${value}`) }));

  return (
    <Form
      form={form}
      name="terms"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={(changed: Partial<TermsFormValues>) => {
        // A bullet loan accrues on actual days unless the officer chose otherwise (defaultDayCount).
        if (changed.method && !form.isFieldTouched('dayCount')) form.setFieldValue('dayCount', defaultDayCount(changed.method));
        onChange();
      }}
      size="middle"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="principal" label={t('terms.principal')}>
            <InputNumber<string> stringMode min="0" precision={2} step="10000" style={{ width: '100%' }} formatter={money} parser={unmoney} addonAfter={t('terms.yuan')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="annualRate" label={t('terms.annualRate')}>
            <InputNumber<string> stringMode min="0" max="100" step="0.1" style={{ width: '100%' }} addonAfter="%" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="method" label={t('terms.method')}>
            <Select options={options(repaymentMethods, 'terms.methods')} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="periods" label={t('terms.periods')}>
            <InputNumber min={1} max={600} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="interestOnlyPeriods" label={t('terms.interestOnlyPeriods')} hidden={!amortizes}>
            <InputNumber min={0} max={599} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="frequency" label={t('terms.frequency')}>
            <Select options={options(frequencies, 'terms.frequencies')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="dayCount" label={t('terms.dayCount')}>
            <Select options={options(dayCounts, 'terms.dayCounts')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="disbursementDate" label={t('terms.disbursementDate')}>
            <DatePicker style={{ width: '100%' }} format={DATE} allowClear={false} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="firstDueDate" label={t('terms.firstDueDate')} tooltip={t('terms.firstDueDateHint')}>
            <DatePicker style={{ width: '100%' }} format={DATE} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="repaymentDay" label={t('terms.repaymentDay')} hidden={frequency === 'weekly' || frequency === 'bi-weekly'}>
            <InputNumber min={1} max={31} precision={0} style={{ width: '100%' }} placeholder={t('terms.repaymentDayHint')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="dueDateRule" label={t('terms.dueDateRule')}>
            <Select options={options(dueDateRules, 'terms.dueDateRules')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="upfrontFee" label={t('terms.upfrontFee')}>
            <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} formatter={money} parser={unmoney} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="periodicFee" label={t('terms.periodicFee')}>
            <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} formatter={money} parser={unmoney} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="roundingMode" label={t('terms.roundingMode')}>
            <Select options={options(roundingModes, 'terms.roundingModes')} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="installmentMultiple" label={t('terms.installmentMultiple')}>
            <Select
              options={[
                { value: '0.01', label: t('terms.multiples.fen') },
                { value: '1', label: t('terms.multiples.yuan') },
                { value: '10', label: t('terms.multiples.tenYuan') },
              ]}
            />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
