import { Alert, Anchor, Badge, Center, Group, Loader, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../common/error-alert.component';
import type { Resource } from '../common/use-resource';
import { displayName, passageIdOf } from '../people/person';
import { useRecordText } from '../record/record-text';
import { WORKLIST_SIZE, type Worklist } from './worklists.resource';

/** One worklist: who, what, since or until when, and a link to the person's record. */
export function WorklistTable({
  list,
  caption,
  dateHeading,
  empty,
}: {
  list: Resource<Worklist>;
  caption: string;
  dateHeading: string;
  empty: string;
}) {
  const { t } = useTranslation();
  const text = useRecordText();
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data)
    return (
      <Center p="md">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  const { rows, more } = list.data;
  if (rows.length === 0)
    return (
      <Text c="dimmed" p="md">
        {empty}
      </Text>
    );
  return (
    <>
      {more && (
        <Alert color="blue" mb="sm">
          {t('worklistMore', { count: WORKLIST_SIZE })}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('worklistPerson')}</Table.Th>
              <Table.Th scope="col">{t('worklistWhat')}</Table.Th>
              <Table.Th scope="col">{dateHeading}</Table.Th>
              <Table.Th scope="col">{t('worklistRecord')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const name = row.patient ? displayName(row.patient) : undefined;
              const passageId = row.patient ? passageIdOf(row.patient) : undefined;
              return (
                <Table.Tr key={row.key}>
                  <Table.Td>
                    <Text fw={600} lang={name?.lang}>
                      <bdi>{name?.text ?? t('worklistUnknownPerson')}</bdi>
                    </Text>
                    {passageId && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        <bdi dir="ltr">{passageId}</bdi>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {row.kind !== 'visit' && (
                        <Badge variant="outline" color="gray.9" radius="sm">
                          {text.kind(row.kind)}
                        </Badge>
                      )}
                      <bdi>{text.coded(row.code, row.text)}</bdi>
                      {row.priority && row.priority !== 'routine' && (
                        <Badge variant="outline" color="red.9" radius="sm">
                          {t(row.priority === 'stat' ? 'recordPriorityEmergency' : 'recordPriorityUrgent')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {row.date ? (
                      <Text
                        size="sm"
                        c={row.overdue ? 'red.9' : undefined}
                        fw={row.overdue ? 600 : undefined}
                      >
                        <time dateTime={row.date}>{text.date(row.date, row.kind === 'visit')}</time>
                        {row.overdue && ` · ${t('worklistOverdue')}`}
                      </Text>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {row.patientId && (
                      <Anchor
                        component={Link}
                        to={`/people/${encodeURIComponent(row.patientId)}`}
                        style={{ whiteSpace: 'nowrap' }}
                        aria-label={t('worklistOpenRecordOf', { name: name?.text ?? row.patientId })}
                      >
                        {t('worklistOpenRecord')}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
