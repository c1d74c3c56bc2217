import { App, Button, Card, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { useCan } from '../../../app/permissions';
import { Forbidden } from '../Forbidden';
import { NetAssetsCard } from './NetAssetsCard';

type Setting = ChannelOutput<'settings.list'>[number];

function show(value: unknown): string {
  return typeof value === 'string' ? value || '—' : JSON.stringify(value);
}

/** An editor that fits the setting's type: text, number, switch, or JSON for lists and tables. */
function ValueEditor({ setting, onSave, saving }: { setting: Setting; onSave: (value: unknown) => void; saving: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<unknown>(setting.value);
  const [json, setJson] = useState(JSON.stringify(setting.value));
  const kind = typeof setting.defaultValue;
  let editor;
  if (kind === 'boolean') editor = <Switch checked={Boolean(draft)} onChange={setDraft} />;
  else if (kind === 'number') editor = <InputNumber value={draft as number} onChange={(v) => setDraft(v)} />;
  else if (kind === 'string') editor = <Input value={draft as string} onChange={(e) => setDraft(e.target.value)} style={{ width: 260 }} />;
  else editor = <Input.TextArea value={json} onChange={(e) => setJson(e.target.value)} autoSize style={{ width: 360 }} className="lb-mono" />;
  const value = () => {
    if (kind !== 'object') return draft;
    try {
      return JSON.parse(json) as unknown;
    } catch {
      return json;
    }
  };
  return (
    <Space align="start">
      {editor}
      <Button size="small" type="primary" loading={saving} onClick={() => onSave(value())}>
        {t('settings.save')}
      </Button>
    </Space>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const allowed = useCan('settings.read');
  const canWrite = useCan('settings.write');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['settings'], queryFn: () => api('settings.list', {}), enabled: allowed });
  const save = useMutation({
    mutationFn: (input: { key: string; value: unknown }) => api('settings.set', input),
    onSuccess: () => {
      setEditing(null);
      void message.success(t('settings.saved'));
      void client.invalidateQueries({ queryKey: ['settings'] });
      void client.invalidateQueries({ queryKey: ['platform.status'] });
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  if (!allowed) return <Forbidden />;

  const columns: ColumnsType<Setting> = [
    { title: t('settings.group'), dataIndex: 'group', width: 90, render: (g: string) => <Tag>{t(`settings.groups.${g}`)}</Tag> },
    {
      title: t('settings.name'),
      dataIndex: 'key',
      width: 260,
      render: (key: string) => (
        <div>
          <div>{t(`settings.keys.${key.replace('.', '_')}`, { defaultValue: key })}</div>
          <Typography.Text type="secondary" className="lb-mono" style={{ fontSize: 12 }}>{key}</Typography.Text>
        </div>
      ),
    },
    {
      title: t('settings.value'),
      dataIndex: 'value',
      render: (value: unknown, row) =>
        editing === row.key ? (
          <ValueEditor setting={row} saving={save.isPending} onSave={(v) => save.mutate({ key: row.key, value: v })} />
        ) : (
          <Space>
            <span className="lb-mono lb-wrap">{show(value)}</span>
            {canWrite && (
              <Button size="small" type="link" onClick={() => setEditing(row.key)}>
                {t('settings.edit')}
              </Button>
            )}
          </Space>
        ),
    },
    { title: t('settings.default'), dataIndex: 'defaultValue', width: 200, ellipsis: true, render: (v: unknown, row) => (row.isDefault ? <Tag color="green">{t('settings.isDefault')}</Tag> : <span className="lb-mono">{show(v)}</span>) },
    { title: t('settings.changedBy'), dataIndex: 'updatedBy', width: 190, render: (by: string | null, row) => (by ? `${by} · ${row.updatedAt?.slice(0, 16).replace('T', ' ')}` : '—') },
  ];
  return (
    <>
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.systemSettings')}</Typography.Title>}>
      <Table<Setting> rowKey="key" tableLayout="fixed" size="small" columns={columns} dataSource={list.data ?? []} loading={list.isLoading} pagination={false} data-testid="settings-table" />
    </Card>
    <NetAssetsCard />
    </>
  );
}
