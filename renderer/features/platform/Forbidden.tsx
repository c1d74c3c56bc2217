import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Shown where the role may not go; the main process refuses the calls behind it regardless. */
export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('errors.codes.forbidden')} subTitle={t('errors.forbidden')} data-testid="forbidden" />;
}
