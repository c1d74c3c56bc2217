/**
 * "Export what I see": asks the main process for an Excel report and saves it, with a busy flag for
 * the button and the error shown by field and reason. Every export screen uses it.
 */
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput } from '../../shared/contract';
import { api } from '../api/client';
import { downloadBase64, XLSX_TYPE } from './download';
import { errorPayload, errorText } from './errors';
import { exportJobs } from './export-jobs';

/** Omit over each member of a union (the report inputs are unions on `report`). */
type WithoutLanguage<T> = T extends unknown ? Omit<T, 'language'> : never;

type ExportChannel = 'export.loanRegister' | 'export.lending' | 'export.guarantees' | 'export.collections' | 'export.ledger' | 'import.template';

export function useExport() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const language = i18n.language.startsWith('zh') ? ('zh-CN' as const) : ('en' as const);
  async function run<C extends ExportChannel>(channel: C, input: WithoutLanguage<ChannelInput<C>>, key: string = channel) {
    setBusy(key);
    // Exports are jobs: watched from the corner of the screen and cancellable (templates are instant).
    const jobId = channel === 'import.template' ? undefined : crypto.randomUUID();
    if (jobId) exportJobs.add({ id: jobId, title: t('exports.running'), done: 0, total: null });
    const poll = jobId
      ? setInterval(() => {
          void api('job.progress', { id: jobId })
            .then((p) => exportJobs.update(jobId, p.done, p.total))
            .catch(() => undefined);
        }, 500)
      : undefined;
    try {
      const file = await api(channel, { ...input, language, ...(jobId ? { jobId } : {}) } as ChannelInput<C>);
      downloadBase64(file.fileName, file.contentBase64, XLSX_TYPE);
    } catch (error) {
      if (errorPayload(error).reason === 'exportCancelled') void message.info(t('exports.cancelled'));
      else void message.error(errorText(t, error));
    } finally {
      clearInterval(poll);
      if (jobId) exportJobs.remove(jobId);
      setBusy(null);
    }
  }
  return { run, busy, language };
}
