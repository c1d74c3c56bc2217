import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Progress, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { errorText } from '../../../app/errors';
import { useCan } from '../../../app/permissions';
import { useStatus } from '../../../app/useStatus';
import { Forbidden } from '../../platform/Forbidden';

/** 日终: move the business date; the main process works in chunks and the page shows its progress. */
export function DailyClosePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const allowed = useCan('day.close');
  const client = useQueryClient();
  const status = useStatus();
  const [to, setTo] = useState<Dayjs | null>(null);
  const close = useMutation({
    mutationFn: (date: string) => api('day.close', { to: date }),
    onSuccess: (result) => {
      void message.success(t('close.done', { to: result.to, loans: result.loans }));
      void client.invalidateQueries();
    },
    onError: (error) => void message.error(errorText(t, error)),
  });
  const progress = useQuery({ queryKey: ['day.closeStatus'], queryFn: () => api('day.closeStatus', {}), refetchInterval: close.isPending ? 300 : false });
  if (!allowed) return <Forbidden />;
  const business = status.data?.businessDate;
  const next = business ? dayjs(business).add(1, 'day') : null;
  const run = progress.data;
  return (
    <Card title={<Typography.Title level={4} style={{ margin: 0 }}>{t('nav.close')}</Typography.Title>}>
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('status.businessDate')}><strong data-testid="close-business-date">{business}</strong></Descriptions.Item>
      </Descriptions>
      {run?.running && !close.isPending && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('close.unfinished', { to: run.to })} />}
      <Space>
        <DatePicker value={to ?? next} onChange={setTo} disabledDate={(d) => (business ? d.isBefore(dayjs(business), 'day') : false)} data-testid="close-to" />
        <Button type="primary" loading={close.isPending} onClick={() => close.mutate((to ?? next)!.format('YYYY-MM-DD'))} data-testid="close-run">
          {t('close.run')}
        </Button>
      </Space>
      {(close.isPending || run?.running) && run && run.total > 0 && (
        <Progress style={{ marginTop: 16, maxWidth: 480 }} percent={Math.floor((run.done / run.total) * 100)} format={() => `${run.done} / ${run.total}`} />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>{t('close.hint')}</Typography.Paragraph>
    </Card>
  );
}
