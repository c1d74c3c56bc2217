import { App, Button, Drawer, Form, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../../../shared/contract';
import type { Relationship } from '../../../../shared/lending/borrower';
import { errorPayload, errorText, reasonText } from '../../../app/errors';
import { BorrowerForm, EMPTY_BORROWER, formValuesOf, type BorrowerFormValues } from './BorrowerForm';
import { useBorrower, useSaveBorrower } from './queries';

interface Props {
  /** null: closed; 'new': create; a number: edit that borrower. */
  target: number | 'new' | null;
  onClose: () => void;
}

function toInput(values: BorrowerFormValues): ChannelInput<'borrower.create'> {
  return {
    kind: values.kind,
    name: values.name,
    idType: values.idType,
    idNumber: values.idNumber,
    phone: values.phone || null,
    address: values.address || null,
    employer: values.kind === 'individual' ? values.employer || null : null,
    industry: values.kind !== 'individual' ? values.industry || null : null,
    legalRepresentative: values.kind === 'enterprise' ? values.legalRepresentative || null : null,
    timeZone: values.timeZone || null,
    note: values.note || null,
    relatedPersons: (values.relatedPersons ?? []).map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      name: p.name,
      relationship: p.relationship as Relationship,
      idNumber: p.idNumber || null,
      phone: p.phone || null,
    })),
  };
}

export function BorrowerDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BorrowerFormValues>();
  const editing = typeof target === 'number' ? target : null;
  const existing = useBorrower(editing);
  const save = useSaveBorrower();

  async function submit() {
    let values: BorrowerFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const input = toInput(values);
    try {
      const saved = await save.mutateAsync(
        editing && existing.data ? { ...input, id: editing, version: existing.data.version } : input,
      );
      void message.success(t('borrower.saved', { name: saved.name }));
      onClose();
    } catch (error) {
      const payload = errorPayload(error);
      const issues = payload.issues ?? (payload.field ? [{ field: payload.field, reason: payload.reason ?? payload.code, params: payload.params, message: payload.message }] : []);
      const onForm = issues.filter((issue) => issue.field && form.getFieldInstance(issue.field.split('.')) !== undefined);
      form.setFields(
        onForm.map((issue) => ({
          name: issue.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
          errors: [reasonText(t, issue)],
        })),
      );
      if (onForm.length === 0) void message.error(errorText(t, error, (field) => t(`borrower.fields.${field}`)));
    }
  }

  const ready = editing === null || existing.data !== undefined;
  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={640}
      title={editing ? t('borrower.edit') : t('borrower.add')}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('borrower.cancel')}</Button>
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="borrower-save">
            {t('borrower.save')}
          </Button>
        </Space>
      }
    >
      {ready ? (
        <BorrowerForm
          key={editing ?? 'new'}
          form={form}
          initialValues={existing.data ? formValuesOf(existing.data) : EMPTY_BORROWER}
        />
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}
