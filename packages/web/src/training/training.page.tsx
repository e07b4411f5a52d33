import { useTranslation } from 'react-i18next';
import { PlaceholderState } from '../common/empty-state.component';
import { Page } from '../common/page.component';

export function TrainingPage() {
  const { t } = useTranslation();
  return (
    <Page title={t('navTraining')}>
      <PlaceholderState
        title={t('trainingEmptyTitle')}
        description={t('trainingEmptyDescription')}
        icon="📚"
      />
    </Page>
  );
}
