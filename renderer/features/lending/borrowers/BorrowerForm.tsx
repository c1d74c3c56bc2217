import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Radio, Select, Space } from 'antd';
import type { FormInstance, Rule } from 'antd/es/form';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  borrowerKinds,
  identityProblem,
  idTypesByKind,
  isPhoneNumber,
  relationships,
  type Borrower,
  type BorrowerKind,
  type IdType,
} from '../../../../shared/lending/borrower';

export interface BorrowerFormValues {
  kind: BorrowerKind;
  name: string;
  idType: IdType;
  idNumber: string;
  phone?: string;
  address?: string;
  employer?: string;
  industry?: string;
  legalRepresentative?: string;
  timeZone?: string;
  note?: string;
  relatedPersons: Array<{ id?: number; name: string; relationship: string; idNumber?: string; phone?: string }>;
}

export function formValuesOf(borrower: Borrower): BorrowerFormValues {
  return {
    kind: borrower.kind,
    name: borrower.name,
    idType: borrower.idType,
    idNumber: borrower.idNumber,
    phone: borrower.phone ?? '',
    address: borrower.address ?? '',
    employer: borrower.employer ?? '',
    industry: borrower.industry ?? '',
    legalRepresentative: borrower.legalRepresentative ?? '',
    timeZone: borrower.timeZone ?? '',
    note: borrower.note ?? '',
    relatedPersons: borrower.relatedPersons.map((p) => ({
      id: p.id,
      name: p.name,
      relationship: p.relationship,
      idNumber: p.idNumber ?? '',
      phone: p.phone ?? '',
    })),
  };
}

/** Where debtors commonly live; the office's own zone applies when none is chosen. */
const TIME_ZONES = ['Asia/Shanghai', 'Asia/Urumqi', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Europe/London', 'America/New_York', 'America/Los_Angeles'];

export const EMPTY_BORROWER: BorrowerFormValues = {
  kind: 'individual',
  name: '',
  idType: 'resident-id',
  idNumber: '',
  relatedPersons: [],
};

interface Props {
  form: FormInstance<BorrowerFormValues>;
  initialValues: BorrowerFormValues;
}

/** The same checks the main process makes, run as the user types, with the same messages. */
export function BorrowerForm({ form, initialValues }: Props) {
  const { t } = useTranslation();
  const kind = Form.useWatch('kind', form) ?? initialValues.kind;
  const idType = Form.useWatch('idType', form) ?? initialValues.idType;

  useEffect(() => {
    const allowed = idTypesByKind[kind];
    if (!allowed.includes(form.getFieldValue('idType'))) form.setFieldValue('idType', allowed[0]);
  }, [kind, form]);

  const required: Rule = { required: true, whitespace: true, message: t('errors.required') };
  const identityRule: Rule = {
    validator: async (_rule, value: string | undefined) => {
      if (!value?.trim()) return;
      const problem = identityProblem(form.getFieldValue('idType'), value);
      if (problem) throw new Error(t(`errors.${problem}`));
    },
  };
  const phoneRule: Rule = {
    validator: async (_rule, value: string | undefined) => {
      if (value?.trim() && !isPhoneNumber(value.trim())) throw new Error(t('errors.phone'));
    },
  };

  return (
    <Form form={form} layout="vertical" initialValues={initialValues} name="borrower" requiredMark>
      <Form.Item name="kind" label={t('borrower.fields.kind')}>
        <Radio.Group
          optionType="button"
          options={borrowerKinds.map((k) => ({ value: k, label: t(`borrower.kinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="name" label={t('borrower.fields.name')} rules={[required, { max: 100 }]}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="idType" label={t('borrower.fields.idType')} style={{ width: '40%' }}>
          <Select options={idTypesByKind[kind].map((v) => ({ value: v, label: t(`borrower.idTypes.${v}`) }))} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('borrower.fields.idNumber')}
          style={{ width: '60%' }}
          rules={[required, identityRule]}
          dependencies={['idType']}
          validateDebounce={200}
        >
          <Input maxLength={30} autoComplete="off" className="lb-mono" data-id-type={idType} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="phone" label={t('borrower.fields.phone')} rules={[phoneRule]} validateDebounce={200}>
        <Input maxLength={30} autoComplete="off" />
      </Form.Item>
      <Form.Item name="address" label={t('borrower.fields.address')}>
        <Input maxLength={200} />
      </Form.Item>
      {kind === 'individual' && (
        <Form.Item name="employer" label={t('borrower.fields.employer')}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {kind !== 'individual' && (
        <Form.Item name="industry" label={t('borrower.fields.industry')}>
          <Input maxLength={100} />
        </Form.Item>
      )}
      {kind === 'enterprise' && (
        <Form.Item name="legalRepresentative" label={t('borrower.fields.legalRepresentative')}>
          <Input maxLength={50} />
        </Form.Item>
      )}
      <Form.Item name="timeZone" label={t('borrower.fields.timeZone')} extra={t('borrower.timeZoneHint')}>
        <Select allowClear showSearch options={TIME_ZONES.map((z) => ({ value: z, label: z }))} />
      </Form.Item>
      <Form.Item label={t('borrower.fields.relatedPersons')}>
        <Form.List name="relatedPersons">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item name={[field.name, 'relationship']} rules={[required]}>
                    <Select
                      style={{ width: 120 }}
                      placeholder={t('borrower.fields.relationship')}
                      options={relationships.map((r) => ({ value: r, label: t(`borrower.relationships.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'name']} rules={[required]}>
                    <Input placeholder={t('borrower.fields.name')} style={{ width: 120 }} maxLength={50} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} rules={[phoneRule]}>
                    <Input placeholder={t('borrower.fields.phone')} style={{ width: 140 }} maxLength={30} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('borrower.removeRelated')}
                    onClick={() => remove(field.name)}
                  />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ relationship: 'spouse' })}>
                {t('borrower.addRelated')}
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name="note" label={t('borrower.fields.note')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </Form>
  );
}
