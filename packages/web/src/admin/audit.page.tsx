import { Badge, Button, Group, Loader, Table, Text, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRole, type AuditRow } from '@passage/core';
import { ErrorAlert } from '../common/error-alert.component';
import { Page } from '../common/page.component';
import { roleLabelKey } from '../common/roles';
import { useFormatters } from '../i18n/format';
import { AuditDetailDrawer } from './audit-detail.component';
import { AuditFiltersForm } from './audit-filters.component';
import { ACTION_LABELS } from './audit-labels';
import { EMPTY_AUDIT_FILTERS, fetchAuditEvents, type AuditFilters } from './audit.resource';
import { VerifyChain } from './verify-chain.component';
import classes from './audit.module.css';

interface Listing {
  events: AuditRow[];
  nextCursor: string | null;
  loading: boolean;
  error: unknown;
}

/** "Type/id", on one line and cut short; the full value is in the title and the details drawer. */
function EntityReference({ event }: { event: AuditRow }) {
  const reference = event.entityId ? `${event.entityType}/${event.entityId}` : (event.entityType ?? '');
  return (
    <span className={classes.entity} dir="ltr" title={reference}>
      {reference}
    </span>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS);
  const [listing, setListing] = useState<Listing>({
    events: [],
    nextCursor: null,
    loading: true,
    error: null,
  });
  const [selected, setSelected] = useState<AuditRow | null>(null);

  // New filters start a new listing; "Load more" appends to it (below).
  useEffect(() => {
    const controller = new AbortController();
    setListing({ events: [], nextCursor: null, loading: true, error: null });
    fetchAuditEvents(filters, null, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) {
          setListing({ events: page.events, nextCursor: page.nextCursor, loading: false, error: null });
        }
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setListing({ events: [], nextCursor: null, loading: false, error });
      },
    );
    return () => controller.abort();
  }, [filters]);

  async function loadMore() {
    if (!listing.nextCursor) return;
    setListing((l) => ({ ...l, loading: true, error: null }));
    try {
      const page = await fetchAuditEvents(filters, listing.nextCursor);
      setListing((l) => ({
        events: [...l.events, ...page.events],
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (error) {
      setListing((l) => ({ ...l, loading: false, error }));
    }
  }

  const { events } = listing;
  return (
    <Page title={t('navAudit')}>
      <VerifyChain />
      <AuditFiltersForm initial={filters} onApply={(next) => setFilters({ ...next })} />
      <ErrorAlert error={listing.error} />
      <Text size="sm" c="dimmed" role="status">
        {listing.loading && events.length === 0
          ? t('loading')
          : t('auditEventsShown', { count: events.length })}
      </Text>
      {events.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table striped highlightOnHover withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('auditRecorded')}</Table.Th>
                <Table.Th scope="col">{t('username')}</Table.Th>
                <Table.Th scope="col">{t('role')}</Table.Th>
                <Table.Th scope="col">{t('site')}</Table.Th>
                <Table.Th scope="col">{t('auditAction')}</Table.Th>
                <Table.Th scope="col">{t('auditSubtype')}</Table.Th>
                <Table.Th scope="col">{t('auditEntity')}</Table.Th>
                <Table.Th scope="col">{t('auditOutcome')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('details')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td className={classes.nowrap}>
                    <time dateTime={event.recorded}>{format.dateTime(event.recorded)}</time>
                  </Table.Td>
                  <Table.Td>
                    {event.username === null ? (
                      '—'
                    ) : (
                      <bdi className={classes.truncate} title={event.username}>
                        {event.username}
                      </bdi>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {event.role === null
                      ? '—'
                      : isRole(event.role)
                        ? t(roleLabelKey(event.role))
                        : event.role}
                  </Table.Td>
                  <Table.Td>
                    {event.site === null ? (
                      '—'
                    ) : (
                      <bdi className={classes.truncate} title={event.site}>
                        {event.site}
                      </bdi>
                    )}
                  </Table.Td>
                  <Table.Td>{t(ACTION_LABELS[event.action])}</Table.Td>
                  <Table.Td className={classes.nowrap}>
                    <bdi>{event.subtype}</bdi>
                  </Table.Td>
                  <Table.Td>{event.entityType === null ? '—' : <EntityReference event={event} />}</Table.Td>
                  <Table.Td className={classes.nowrap}>
                    {event.outcome === 'success' ? (
                      <Badge color="teal.9" variant="outline">
                        {t('auditOutcomeSuccess')}
                      </Badge>
                    ) : (
                      <Badge color="red.9">{t('auditOutcomeFailure')}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setSelected(event)}
                      aria-label={t('detailsOf', {
                        when: format.dateTime(event.recorded),
                        subtype: event.subtype,
                      })}
                    >
                      {t('details')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {listing.loading && <Loader aria-hidden="true" />}
      {listing.nextCursor && !listing.loading && (
        <Group>
          <Button variant="default" onClick={() => void loadMore()}>
            {t('loadMore')}
          </Button>
        </Group>
      )}
      <AuditDetailDrawer event={selected} onClose={() => setSelected(null)} />
    </Page>
  );
}
