import { Button, Center, DirectionProvider, Loader, MantineProvider, Stack } from '@mantine/core';
import { lazy, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AccountPage } from './account/account.page';
import { RequirePermission } from './auth/require-permission.component';
import { SessionProvider, useSession } from './auth/session.context';
import { SignInPage } from './auth/sign-in.page';
import { ErrorAlert } from './common/error-alert.component';
import { NotFoundPage } from './common/not-found.page';
import { HomePage } from './home/home.page';
import { DirectionSync } from './i18n/direction-sync.component';
import { directionOf } from './i18n/languages';
import { PeoplePage } from './people/people.page';
import { PassageShell } from './shell/app-shell.component';
import { cssVariablesResolver, theme } from './theme';
import { TrainingPage } from './training/training.page';

// Pages only some roles open are loaded on first visit, keeping the first load small on slow networks.
const UsersPage = lazy(() => import('./admin/users.page').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./admin/audit.page').then((m) => ({ default: m.AuditPage })));
const lazyPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const RegisterPage = lazyPage(() => import('./people/register.page'), 'RegisterPage');
const CardPrintPage = lazyPage(() => import('./people/card-print.page'), 'CardPrintPage');
const PersonRecordPage = lazyPage(() => import('./record/person-record.page'), 'PersonRecordPage');
const SummaryPrintPage = lazyPage(() => import('./record/summary-print.page'), 'SummaryPrintPage');
const AssessmentPage = lazyPage(() => import('./assessment/assessment.page'), 'AssessmentPage');
const AssessmentPrintPage = lazyPage(
  () => import('./assessment/assessment-print.page'),
  'AssessmentPrintPage',
);
const WorklistsPage = lazyPage(() => import('./worklists/worklists.page'), 'WorklistsPage');
const CandidatesPage = lazyPage(() => import('./identity/candidates.page'), 'CandidatesPage');
const IndicatorsPage = lazy(() =>
  import('./indicators/indicators.page').then((m) => ({ default: m.IndicatorsPage })),
);

function SignedInRoutes({ mustChangePassword }: { mustChangePassword: boolean }) {
  const location = useLocation();
  // Until a temporary password is replaced, the account page is the only page.
  if (mustChangePassword && location.pathname !== '/account') return <Navigate to="/account" replace />;
  return (
    <Routes>
      <Route element={<PassageShell />}>
        <Route index element={<HomePage />} />
        <Route
          path="people"
          element={
            <RequirePermission anyOf={['demographics.read', 'own-record.read']}>
              <PeoplePage />
            </RequirePermission>
          }
        />
        <Route
          path="people/new"
          element={
            <RequirePermission anyOf={['demographics.write']}>
              <RegisterPage />
            </RequirePermission>
          }
        />
        <Route
          path="people/:patientId"
          element={
            <RequirePermission anyOf={['demographics.read', 'own-record.read']}>
              <PersonRecordPage />
            </RequirePermission>
          }
        />
        <Route
          path="people/:patientId/card"
          element={
            <RequirePermission anyOf={['demographics.read', 'own-record.read']}>
              <CardPrintPage />
            </RequirePermission>
          }
        />
        <Route
          path="people/:patientId/summary"
          element={
            <RequirePermission anyOf={['clinical.read', 'own-record.read']}>
              <SummaryPrintPage />
            </RequirePermission>
          }
        />
        <Route
          path="people/:patientId/assessments/:responseId"
          element={
            <RequirePermission anyOf={['clinical.write']}>
              <AssessmentPage />
            </RequirePermission>
          }
        />
        <Route
          path="people/:patientId/assessments/:responseId/print"
          element={
            <RequirePermission anyOf={['clinical.read', 'own-record.read']}>
              <AssessmentPrintPage />
            </RequirePermission>
          }
        />
        <Route
          path="worklists"
          element={
            <RequirePermission anyOf={['clinical.read']}>
              <WorklistsPage />
            </RequirePermission>
          }
        />
        <Route
          path="identity/candidates"
          element={
            <RequirePermission anyOf={['demographics.read']}>
              <CandidatesPage />
            </RequirePermission>
          }
        />
        <Route
          path="indicators"
          element={
            <RequirePermission anyOf={['aggregates.read']}>
              <IndicatorsPage />
            </RequirePermission>
          }
        />
        <Route
          path="training"
          element={
            <RequirePermission anyOf={['training.use']}>
              <TrainingPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/users"
          element={
            <RequirePermission anyOf={['users.manage']}>
              <UsersPage />
            </RequirePermission>
          }
        />
        <Route
          path="admin/audit"
          element={
            <RequirePermission anyOf={['audit.read']}>
              <AuditPage />
            </RequirePermission>
          }
        />
        <Route path="account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Root() {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  switch (state.status) {
    case 'loading':
      return (
        <Center h="100vh" component="main">
          <Loader aria-label={t('loading')} />
        </Center>
      );
    case 'error':
      return (
        <Center h="100vh" component="main" p="md">
          <Stack maw={420}>
            <ErrorAlert error={state.error} title={t('cannotStart')} />
            <Button onClick={retry}>{t('tryAgain')}</Button>
          </Stack>
        </Center>
      );
    case 'anonymous':
      // Any URL shows sign-in; after signing in the same URL opens, so deep links survive.
      return <SignInPage expired={state.expired} />;
    case 'signed-in':
      return <SignedInRoutes mustChangePassword={state.me.mustChangePassword} />;
  }
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <DirectionProvider initialDirection={directionOf(i18n.language)} detectDirection={false}>
      <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
        <DirectionSync />
        <BrowserRouter>
          <SessionProvider>
            <Root />
          </SessionProvider>
        </BrowserRouter>
      </MantineProvider>
    </DirectionProvider>
  );
}
