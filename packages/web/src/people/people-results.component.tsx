import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { usePersonFormat } from './person-format';
import { latinName, nativeName, passageIdOf, referencedId, type ShownName } from './person';
import { sexLabel } from './sex-labels';

/** A name isolated from the text around it, tagged with its language so the right font and voice are used. */
export function NameText({ name }: { name: ShownName | undefined }) {
  if (!name)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <bdi lang={name.lang} dir="auto">
      {name.text}
    </bdi>
  );
}

export function PassageIdText({ id }: { id: string | undefined }) {
  if (!id)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  return (
    <bdi dir="ltr" style={{ fontFamily: 'var(--mantine-font-family-monospace)', whiteSpace: 'nowrap' }}>
      {id}
    </bdi>
  );
}

interface Props {
  patients: readonly Patient[];
  sites: Readonly<Record<string, string>>;
}

function useRow(sites: Props['sites']) {
  const { t } = useTranslation();
  const format = usePersonFormat();
  return (patient: Patient) => {
    const siteId = referencedId(patient.managingOrganization?.reference, 'Organization');
    const sex = sexLabel(patient.gender);
    return {
      id: patient.id ?? '',
      native: nativeName(patient),
      latin: latinName(patient),
      sex: sex ? t(sex) : '—',
      born: format.birth(patient),
      nationality: format.nationalities(patient) || '—',
      passageId: passageIdOf(patient),
      site: siteId ? (sites[siteId] ?? siteId) : '—',
    };
  };
}

/** The people found: a table on wide screens, cards on tablets and phones. */
export function PeopleResults({ patients, sites }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rows = patients.map(useRow(sites));
  const link = (row: (typeof rows)[number]) => (
    <Anchor component={Link} to={`/people/${encodeURIComponent(row.id)}`} fw={600}>
      <NameText name={row.latin ?? row.native} />
    </Anchor>
  );
  return (
    <>
      <Table striped highlightOnHover withTableBorder visibleFrom="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('peopleColumnName')}</Table.Th>
            <Table.Th scope="col">{t('peopleColumnNative')}</Table.Th>
            <Table.Th scope="col">{t('sex')}</Table.Th>
            <Table.Th scope="col">{t('peopleColumnBorn')}</Table.Th>
            <Table.Th scope="col">{t('peopleColumnNationality')}</Table.Th>
            <Table.Th scope="col">{t('peopleColumnPassageId')}</Table.Th>
            <Table.Th scope="col">{t('site')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={row.id}
              style={{ cursor: 'pointer' }}
              onClick={(event) => {
                // The name is a link already; the rest of the row is a larger target for touch.
                if (!(event.target as HTMLElement).closest('a'))
                  void navigate(`/people/${encodeURIComponent(row.id)}`);
              }}
            >
              <Table.Td>{link(row)}</Table.Td>
              <Table.Td fz="lg">{row.latin ? <NameText name={row.native} /> : '—'}</Table.Td>
              <Table.Td>{row.sex}</Table.Td>
              <Table.Td>{row.born}</Table.Td>
              <Table.Td>{row.nationality}</Table.Td>
              <Table.Td>
                <PassageIdText id={row.passageId} />
              </Table.Td>
              <Table.Td>{row.site}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <SimpleGrid
        cols={{ base: 1, xs: 2 }}
        spacing="sm"
        hiddenFrom="md"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
      >
        {rows.map((row) => (
          <Paper key={row.id} withBorder p="sm" radius="md" component="li">
            <Stack gap={2}>
              <Text fz="lg">{link(row)}</Text>
              {row.latin && row.native && (
                <Text fz="lg">
                  <NameText name={row.native} />
                </Text>
              )}
              <Text size="sm">
                {row.sex} · {row.born} · {row.nationality}
              </Text>
              <Text size="sm" c="dimmed">
                <PassageIdText id={row.passageId} /> · {row.site}
              </Text>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </>
  );
}
