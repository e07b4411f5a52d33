import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from './page.component';

/** Also shown for pages the user's roles do not open, without saying whether they exist. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFoundTitle')}>
      <Text>{t('notFoundDescription')}</Text>
      <Anchor component={Link} to="/">
        {t('goHome')}
      </Anchor>
    </Page>
  );
}
