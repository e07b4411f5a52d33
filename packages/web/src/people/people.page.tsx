import { useTranslation } from 'react-i18next';
import { PlaceholderState } from '../common/empty-state.component';
import { Page } from '../common/page.component';

/** Placeholder until the clinical module lands; the route and permission gate are already final. */
export function PeoplePage() {
  const { t } = useTranslation();
  return (
    <Page title={t('navPeople')}>
      <PlaceholderState title={t('peopleEmptyTitle')} description={t('peopleEmptyDescription')} icon="👥" />
    </Page>
  );
}
