import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '../common/page.component';
import { useResource } from '../common/use-resource';
import { dayStart, localDay } from '../record/dates';
import { WorklistTable } from './worklist-table.component';
import { fetchOverdue, fetchPendingReferrals, fetchTodaysVisits } from './worklists.resource';

type Tab = 'today' | 'referrals' | 'overdue';

function TodayPanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const list = useResource(
    (signal) => fetchTodaysVisits(dayStart(today), dayStart(today, true), signal),
    [today],
  );
  return (
    <WorklistTable
      list={list}
      caption={t('worklistToday')}
      dateHeading={t('worklistTime')}
      empty={t('worklistNoVisits')}
    />
  );
}

function ReferralsPanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const list = useResource((signal) => fetchPendingReferrals(today, signal), [today]);
  return (
    <WorklistTable
      list={list}
      caption={t('worklistReferrals')}
      dateHeading={t('worklistSince')}
      empty={t('worklistNoReferrals')}
    />
  );
}

function OverduePanel({ today }: { today: string }) {
  const { t } = useTranslation();
  const list = useResource((signal) => fetchOverdue(today, signal), [today]);
  return (
    <WorklistTable
      list={list}
      caption={t('worklistOverdueTab')}
      dateHeading={t('worklistDue')}
      empty={t('worklistNoOverdue')}
    />
  );
}

/**
 * What needs doing at the user's sites: today's visits, referrals still open, and screenings,
 * vaccinations and follow-up visits that are due. The server limits each list to the user's sites.
 */
export function WorklistsPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('today');
  const today = localDay();
  return (
    <Page title={t('navWorklists')}>
      <Tabs
        value={tab}
        onChange={(value) => setTab(value === 'referrals' || value === 'overdue' ? value : 'today')}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="today">{t('worklistToday')}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t('worklistReferrals')}</Tabs.Tab>
          <Tabs.Tab value="overdue">{t('worklistOverdueTab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="today" pt="md">
          <TodayPanel today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <ReferralsPanel today={today} />
        </Tabs.Panel>
        <Tabs.Panel value="overdue" pt="md">
          <OverduePanel today={today} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
