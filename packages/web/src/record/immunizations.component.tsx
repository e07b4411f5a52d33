import { immunizationHistory, type ImmunizationSource, type VaccineHistory } from '@passage/core';

type Antigen = VaccineHistory['antigens'][number];
import type { Resource } from '@medplum/fhirtypes';
import { Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TranslationKey } from '../common/errors';
import { useRecordText } from './record-text';
import { StatusBadge, SummaryCard } from './summary-card.component';

export const ANTIGEN_KEYS: Record<Antigen, TranslationKey> = {
  measles: 'recordAntigenMeasles',
  mumps: 'recordAntigenMumps',
  rubella: 'recordAntigenRubella',
  diphtheria: 'recordAntigenDiphtheria',
  tetanus: 'recordAntigenTetanus',
  pertussis: 'recordAntigenPertussis',
  polio: 'recordAntigenPolio',
  hib: 'recordAntigenHib',
  'hepatitis-a': 'recordAntigenHepatitisA',
  'hepatitis-b': 'recordAntigenHepatitisB',
  tuberculosis: 'recordAntigenTuberculosis',
  pneumococcus: 'recordAntigenPneumococcus',
  varicella: 'recordAntigenVaricella',
  hpv: 'recordAntigenHpv',
  'covid-19': 'recordAntigenCovid19',
};

const SOURCE_TONE: Record<ImmunizationSource, 'teal' | 'gray' | 'orange'> = {
  given: 'teal',
  documented: 'teal',
  'self-reported': 'orange',
};

/** Doses by vaccine, each marked given here, documented (card, certificate) or self-reported. */
export function ImmunizationsCard({ resources }: { resources: readonly Resource[] }) {
  const { t } = useTranslation();
  const text = useRecordText();
  const { vaccines, antigens } = immunizationHistory(resources);
  return (
    <SummaryCard title={t('recordImmunizations')} empty={t('recordNoImmunizations')} count={vaccines.length}>
      <Table.ScrollContainer minWidth={360}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('recordVaccine')}</Table.Th>
              <Table.Th scope="col">{t('recordDoses')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {vaccines.map((vaccine) => (
              <Table.Tr key={vaccine.key}>
                <Table.Th scope="row" fw={500}>
                  <bdi>{text.coded(vaccine.code, vaccine.vaccine)}</bdi>
                </Table.Th>
                <Table.Td>
                  {vaccine.doses.map((dose) => (
                    <Group key={dose.immunization.id} gap={6} wrap="nowrap">
                      <Text size="sm">
                        {dose.doseNumber !== undefined && `${t('recordDoseN', { n: dose.doseNumber })} · `}
                        {dose.date ? text.date(dose.date) : t('recordDateUnknown')}
                      </Text>
                      <StatusBadge label={text.status(dose.source)} tone={SOURCE_TONE[dose.source]} />
                    </Group>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {antigens.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('recordDosesAgainst')}{' '}
          {antigens
            .map((a) =>
              a.documented > 0
                ? t(ANTIGEN_KEYS[a.antigen])
                : t('recordSelfReportedOnly', { antigen: t(ANTIGEN_KEYS[a.antigen]) }),
            )
            .join(t('listSeparator'))}
        </Text>
      )}
    </SummaryCard>
  );
}
