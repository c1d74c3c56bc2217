import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** Areas whose modules are still being built say so plainly instead of showing an empty screen. */
export function ComingSoon({ areaKey }: { areaKey: string }) {
  const { t } = useTranslation();
  return <Result status="info" title={t('comingSoon.title')} subTitle={t('comingSoon.body', { area: t(areaKey) })} />;
}
