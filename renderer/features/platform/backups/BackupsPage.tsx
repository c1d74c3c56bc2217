import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/contract';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { useCan } from '../../../app/permissions';
import { Forbidden } from '../Forbidden';

type Backup = ChannelOutput<'backup.list'>['backups'][number];

export function BackupsPage() {
  const { t, i18n } = useTranslation();
  const allowed = useCan('backup.manage');
  const { message, notification } = App.useApp();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['backups'], queryFn: () => api('backup.list', {}), enabled: allowed });
  const create = useMutation({
    mutationFn: () => api('backup.create', {}),
    onSuccess: (file) => {
      void message.success(t('backups.created', { name: file.name }));
      void client.invalidateQueries({ queryKey: ['backups'] });
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  const restore = useMutation({
    mutationFn: (name: string) => api('backup.restore', { name }),
    onSuccess: (result) => {
      // Not a modal: the sign-in screen follows at once and must stay usable.
      notification.success({ message: t('backups.restored', { name: result.restoredFrom }), description: t('backups.restoredHint', { name: result.safetyCopy }), duration: 10 });
      // Everyone signs in again on the restored book.
      void client.invalidateQueries();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  if (!allowed) return <Forbidden />;
  const columns: ColumnsType<Backup> = [
    { title: t('backups.at'), dataIndex: 'at', render: (at: string) => new Date(at).toLocaleString(i18n.language, { hour12: false }) },
    { title: t('backups.reason'), dataIndex: 'reason', render: (r: string) => <Tag>{t(`backups.reasons.${r}`, { defaultValue: r })}</Tag> },
    { title: t('backups.size'), dataIndex: 'bytes', render: (b: number) => `${(b / 1024).toFixed(0)} KB` },
    { title: t('backups.file'), dataIndex: 'name', className: 'lb-mono' },
    {
      title: '',
      render: (_: unknown, row) => (
        <Popconfirm title={t('backups.confirmRestore')} description={t('backups.confirmRestoreHint')} onConfirm={() => restore.mutate(row.name)} okText={t('backups.restore')}>
          <Button size="small" danger loading={restore.isPending && restore.variables === row.name} data-testid={`restore-${row.name}`}>
            {t('backups.restore')}
          </Button>
        </Popconfirm>
      ),
    },
  ];
  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.backups')}</Typography.Title>}
      extra={<Button type="primary" icon={<CloudUploadOutlined />} onClick={() => create.mutate()} loading={create.isPending}>{t('backups.create')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('backups.folder', { folder: list.data?.folder ?? '' })}</Typography.Paragraph>
      <Table<Backup> rowKey="name" size="middle" columns={columns} dataSource={list.data?.backups ?? []} loading={list.isLoading} pagination={{ pageSize: 20 }} data-testid="backups-table" />
    </Card>
  );
}
