import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors';

export interface FieldSpec {
  name: string;
  kind: 'amount' | 'date' | 'text' | 'textarea' | 'select';
  options?: Array<{ value: string | number; label: string }>;
  required?: boolean;
  initial?: unknown;
  hint?: string;
}

interface Props {
  title: string;
  open: boolean;
  fields: FieldSpec[];
  submitLabel: string;
  testId: string;
  onClose: () => void;
  /** Dates arrive as YYYY-MM-DD; empty optional fields are left out. */
  onSubmit: (values: Record<string, unknown>) => Promise<unknown>;
  done: string;
}

/** One form for the steps on a contract: amounts, dates, choices and notes, each labelled from the i18n file. */
export function ActionModal({ title, open, fields, submitLabel, testId, onClose, onSubmit, done }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const label = (name: string) => t(`guarantees.fields.${name}`, { defaultValue: name });
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form
        form={form}
        name={testId}
        layout="vertical"
        initialValues={Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]))}
        onFinish={async (raw: Record<string, unknown>) => {
          const values: Record<string, unknown> = {};
          for (const field of fields) {
            const value = raw[field.name];
            if (value === undefined || value === null || value === '') continue;
            values[field.name] = field.kind === 'date' ? (value as Dayjs).format('YYYY-MM-DD') : value;
          }
          try {
            await onSubmit(values);
            void message.success(done);
            onClose();
          } catch (error) {
            void message.error(errorText(t, error, label));
          }
        }}
      >
        {fields.map((field) => (
          <Form.Item key={field.name} name={field.name} label={label(field.name)} extra={field.hint} rules={field.required ? [{ required: true, message: t('errors.required') }] : []}>
            {field.kind === 'amount' ? (
              <Input suffix={t('terms.yuan')} />
            ) : field.kind === 'date' ? (
              <DatePicker style={{ width: '100%' }} />
            ) : field.kind === 'select' ? (
              <Select options={field.options} />
            ) : field.kind === 'textarea' ? (
              <Input.TextArea rows={3} maxLength={2000} />
            ) : (
              <Input />
            )}
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" block data-testid={`${testId}-submit`}>
          {submitLabel}
        </Button>
      </Form>
    </Modal>
  );
}
