import { Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../shared/contract';
import { PrintButtons } from '../../app/PrintButtons';

type Letters = ChannelOutput<'collections.letters'>['letters'];

/** The letters as printed: one A4 page each. Hidden on screen; the browser's print (or Save as PDF) shows only these. */
export function PrintableLetters({ letters }: { letters: Letters }) {
  return (
    <section className="lb-print-only" data-testid="printable-letters">
      {letters.map((letter) => (
        <article key={letter.contactId} className="lb-letter">
          <h2>{letter.title}</h2>
          {letter.body.split('\n').map((line, k) => (
            <p key={k}>{line}</p>
          ))}
        </article>
      ))}
    </section>
  );
}

/** On screen: what was produced, and the way to print it or save it as PDF. */
export function LettersPreview({ letters, onClose }: { letters: Letters | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={letters !== null}
      onCancel={onClose}
      width={760}
      title={t('collections.lettersTitle', { count: letters?.length ?? 0 })}
      footer={
        <Space>
          <Button onClick={onClose}>{t('borrower.cancel')}</Button>
          {/* The modal is hidden on paper (app.css): the letters print alone, one A4 page each. */}
          <PrintButtons title={t('collections.lettersTitle', { count: letters?.length ?? 0 })} fileName={t('collections.lettersTitle', { count: letters?.length ?? 0 })} testId="letters-print" primary />
        </Space>
      }
    >
      <div style={{ maxHeight: 480, overflow: 'auto' }} data-testid="letters-preview">
        {(letters ?? []).map((letter) => (
          <div key={letter.contactId} style={{ border: '1px solid #eee', padding: 16, marginBottom: 12 }}>
            <Typography.Title level={5} style={{ textAlign: 'center' }}>
              {letter.title}
            </Typography.Title>
            {letter.body.split('\n').map((line, k) => (
              <Typography.Paragraph key={k} style={{ marginBottom: 6 }}>
                {line}
              </Typography.Paragraph>
            ))}
          </div>
        ))}
      </div>
    </Modal>
  );
}
