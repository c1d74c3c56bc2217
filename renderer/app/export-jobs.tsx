/**
 * The exports running now, shown in a corner of every screen with their progress and a cancel button;
 * the export hook adds a job when it starts one and removes it when the file arrives.
 */
import { Button, Card, Progress, Space, Typography } from 'antd';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';

export interface ExportJob {
  id: string;
  title: string;
  done: number;
  total: number | null;
}

let jobs: ExportJob[] = [];
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export const exportJobs = {
  add(job: ExportJob) {
    jobs = [...jobs, job];
    emit();
  },
  update(id: string, done: number, total: number | null) {
    jobs = jobs.map((j) => (j.id === id ? { ...j, done, total } : j));
    emit();
  },
  remove(id: string) {
    jobs = jobs.filter((j) => j.id !== id);
    emit();
  },
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function ExportJobs() {
  const { t } = useTranslation();
  const running = useSyncExternalStore(subscribe, () => jobs);
  if (running.length === 0) return null;
  return (
    <Card size="small" className="lb-no-print" style={{ position: 'fixed', right: 24, bottom: 48, width: 340, zIndex: 1000, boxShadow: '0 4px 16px rgba(0,0,0,0.15)' }} data-testid="export-jobs">
      <Space direction="vertical" style={{ width: '100%' }}>
        {running.map((job) => (
          <div key={job.id}>
            <Typography.Text strong>{job.title}</Typography.Text>
            <Progress percent={job.total ? Math.min(99, Math.floor((job.done / job.total) * 100)) : 99} status="active" showInfo={Boolean(job.total)} size="small" />
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text type="secondary">{t('exports.rows', { done: job.done.toLocaleString(), total: job.total?.toLocaleString() ?? '…' })}</Typography.Text>
              <Button size="small" onClick={() => void api('job.cancel', { id: job.id }).catch(() => undefined)} data-testid="export-cancel">
                {t('exports.cancel')}
              </Button>
            </Space>
          </div>
        ))}
      </Space>
    </Card>
  );
}
