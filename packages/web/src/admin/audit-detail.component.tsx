import { Drawer, Table, useDirection } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import { ACTION_LABELS } from './audit-labels';
import type { AuditRow } from '@passage/core';

/** Every field of one audit event, in a drawer on the reading-end side (right in LTR, left in RTL). */
export function AuditDetailDrawer({ event, onClose }: { event: AuditRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { dir } = useDirection();
  const code = (value: string | null): ReactNode => (value === null ? '—' : <bdi>{value}</bdi>);

  const rows: [string, ReactNode][] = event
    ? [
        [
          t('auditRecorded'),
          // The ISO instant is isolated so that, in Arabic, its digits and dashes keep their order.
          <>
            {format.dateTimeLong(event.recorded)} (<bdi dir="ltr">{event.recorded}</bdi>)
          </>,
        ],
        [t('username'), code(event.username)],
        [t('role'), code(event.role)],
        [t('site'), code(event.site)],
        [t('auditAction'), `${t(ACTION_LABELS[event.action])} (${event.action})`],
        [t('auditSubtype'), code(event.subtype)],
        [t('auditEntityType'), code(event.entityType)],
        [t('auditEntityId'), code(event.entityId)],
        [t('auditPatientId'), code(event.patientId)],
        [
          t('auditOutcome'),
          event.outcome === 'success' ? t('auditOutcomeSuccess') : t('auditOutcomeFailure'),
        ],
        [t('auditPurpose'), code(event.purpose)],
        [t('auditDetail'), code(event.detail)],
        [t('auditEventId'), code(event.id)],
      ]
    : [];

  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position={dir === 'rtl' ? 'left' : 'right'}
      size="lg"
      title={t('auditEventDetails')}
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <Table variant="vertical" withTableBorder layout="fixed">
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={150}>{label}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Drawer>
  );
}
