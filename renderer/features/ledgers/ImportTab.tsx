import { CheckCircleOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Button, Card, Col, Result, Row, Segmented, Space, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { importKinds, importSheets, type ImportKind } from '../../../shared/import/kinds';
import { api } from '../../api/client';
import { downloadBase64, XLSX_TYPE } from '../../app/download';
import { errorText } from '../../app/errors';
import { useExport } from '../../app/useExport';

type Preview = ChannelOutput<'import.preview'>;
type Upload = { fileName: string; contentBase64: string };

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** 导入: template → upload → every problem by row and column (and a marked-up copy) → import all or nothing. */
export function ImportTab() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const exporter = useExport();
  const [kind, setKind] = useState<ImportKind>('borrowers');
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<ChannelOutput<'import.commit'> | null>(null);
  const [busy, setBusy] = useState(false);
  const zh = exporter.language === 'zh-CN';
  const columns = importSheets[kind][0]!.columns;
  /** The reason in the user's language where it needs no detail from the file; the server's sentence otherwise. */
  const issueText = (i: Preview['issues'][number]) => {
    const text = t(`errors.${i.reason}`, { defaultValue: '' });
    if (!text || text.includes('{{')) return i.message;
    // A choice names what it may be: keep the server's list of labels.
    const choices = i.reason === 'choice' ? /one of: (.*)$/.exec(i.message)?.[1] : undefined;
    const full = choices ? `${text}（${choices}）` : text;
    return i.header ? `${i.header}${t('app.separator')}${full}` : full;
  };

  function reset(next: ImportKind = kind) {
    setKind(next);
    setUpload(null);
    setPreview(null);
    setDone(null);
  }

  async function check(file: File) {
    setBusy(true);
    setDone(null);
    try {
      const next = { fileName: file.name, contentBase64: await toBase64(file) };
      setUpload(next);
      setPreview(await api('import.preview', { kind, ...next, language: exporter.language }));
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
    return false;
  }

  async function commit() {
    if (!upload) return;
    setBusy(true);
    try {
      setDone(await api('import.commit', { kind, ...upload, language: exporter.language }));
      setPreview(null);
    } catch (error) {
      void message.error(errorText(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Segmented<ImportKind> value={kind} onChange={(k) => reset(k)} options={importKinds.map((k) => ({ value: k, label: t(`ledgers.import.kinds.${k}`) }))} data-testid="import-kind" />
        <Button icon={<DownloadOutlined />} loading={exporter.busy !== null} onClick={() => void exporter.run('import.template', { kind })} data-testid="import-template">
          {t('ledgers.import.template')}
        </Button>
      </Space>
      <Upload.Dragger accept=".xlsx" multiple={false} showUploadList={false} beforeUpload={(file) => check(file)} disabled={busy} data-testid="import-upload">
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload ? upload.fileName : t('ledgers.import.drop')}</p>
        <p className="ant-upload-hint">{t('ledgers.import.hint')}</p>
      </Upload.Dragger>
      {done && (
        <Result status="success" icon={<CheckCircleOutlined />} title={t('ledgers.import.done', { created: done.created, existing: done.existing })} data-testid="import-done" />
      )}
      {preview && (
        <Card size="small" data-testid="import-preview">
          <Row gutter={16} style={{ marginBottom: 12 }}>
            <Col span={6}><Statistic title={t('ledgers.import.rows')} value={preview.rows} /></Col>
            <Col span={6}><Statistic title={t('ledgers.import.new')} value={preview.created} data-testid="import-new" /></Col>
            <Col span={6}><Statistic title={t('ledgers.import.existing')} value={preview.existing} /></Col>
            <Col span={6}><Statistic title={t('ledgers.import.errors')} value={preview.errorCount} valueStyle={{ color: preview.errorCount ? '#cf1322' : undefined }} data-testid="import-errors" /></Col>
          </Row>
          {preview.errorCount > 0 ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Alert
                type="error"
                showIcon
                message={t('ledgers.import.fix', { count: preview.errorCount, rows: preview.errorRows })}
                action={
                  preview.annotatedBase64 && (
                    <Button size="small" onClick={() => downloadBase64(`${t('ledgers.import.annotatedPrefix')}${preview.fileName}`, preview.annotatedBase64!, XLSX_TYPE)} data-testid="import-annotated">
                      {t('ledgers.import.annotated')}
                    </Button>
                  )
                }
              />
              <Table
                size="small"
                rowKey={(i) => `${i.sheet}-${i.row}-${i.column}-${i.reason}`}
                dataSource={preview.issues}
                pagination={{ pageSize: 10 }}
                data-testid="import-issues"
                columns={[
                  { key: 'sheet', title: t('ledgers.import.sheet'), dataIndex: 'sheet', width: 100 },
                  { key: 'row', title: t('ledgers.import.row'), dataIndex: 'row', width: 60, render: (r: number) => r || '' },
                  { key: 'column', title: t('ledgers.import.column'), dataIndex: 'column', width: 60 },
                  { key: 'value', title: t('ledgers.import.value'), dataIndex: 'value', width: 180, ellipsis: true },
                  { key: 'message', title: t('ledgers.import.reason'), render: (_: unknown, i: Preview['issues'][number]) => issueText(i) },
                ]}
              />
            </Space>
          ) : (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('ledgers.import.firstRows')}</Typography.Text>
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                scroll={{ x: true }}
                dataSource={preview.preview}
                columns={[{ key: 'row', title: t('ledgers.import.row'), dataIndex: 'row', width: 60 }, ...columns.map((c) => ({ key: c.field, title: zh ? c.zh : c.en, render: (_: unknown, r: Preview['preview'][number]) => r.values[c.field] ?? '' }))]}
              />
              <Button type="primary" loading={busy} onClick={() => void commit()} data-testid="import-commit">
                {t('ledgers.import.commit', { count: preview.created })}
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
