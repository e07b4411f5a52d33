import type { Patient } from '@medplum/fhirtypes';
import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TranslationKey } from '../common/errors';
import { NameText } from '../people/people-results.component';
import { displayName } from '../people/person';
import { FactValue } from './fact-values.component';
import { compareFacts, factsOf, type Agreement, type FactRow } from './person-facts';
import classes from './identity.module.css';

const ROWS: { row: FactRow; label: TranslationKey }[] = [
  { row: 'native', label: 'identityRowNative' },
  { row: 'latin', label: 'identityRowLatin' },
  { row: 'other', label: 'identityRowOther' },
  { row: 'sex', label: 'sex' },
  { row: 'birth', label: 'identityRowBirth' },
  { row: 'nationality', label: 'identityRowNationality' },
  { row: 'documents', label: 'identityRowDocuments' },
  { row: 'passageId', label: 'identityRowPassageId' },
  { row: 'site', label: 'site' },
  { row: 'arrival', label: 'identityRowArrival' },
  { row: 'family', label: 'identityRowFamily' },
];

const AGREEMENT: Record<Agreement, { label: TranslationKey; symbol: string; className: string }> = {
  same: { label: 'identityAgreementSame', symbol: '=', className: classes.same ?? '' },
  partly: { label: 'identityAgreementPartly', symbol: '≈', className: classes.partly ?? '' },
  differs: { label: 'identityAgreementDiffers', symbol: '≠', className: classes.differs ?? '' },
  unknown: { label: 'identityAgreementUnknown', symbol: '?', className: classes.unknown ?? '' },
};

/** Same, partly, differs or not known: a symbol and a word, never colour alone. */
export function AgreementMark({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const shown = AGREEMENT[agreement];
  return (
    <span className={`${classes.agreement} ${shown.className}`}>
      <span aria-hidden="true" className={classes.symbol}>
        {shown.symbol}
      </span>
      {t(shown.label)}
    </span>
  );
}

function RecordHeading({ patient, label }: { patient: Patient; label: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={400}>
        {label}
      </Text>
      <Anchor component={Link} to={`/people/${encodeURIComponent(patient.id ?? '')}`} fw={600}>
        <NameText name={displayName(patient)} />
      </Anchor>
    </Stack>
  );
}

/**
 * The two records side by side, fact by fact, each row marked same, partly, differs or not known.
 * `records` holds the number of entries in each clinical record when the user may read them.
 */
export function RecordComparison({
  a,
  b,
  siteName,
  records,
}: {
  a: Patient;
  b: Patient;
  siteName: (id: string) => string;
  records: [number | undefined, number | undefined] | undefined;
}) {
  const { t } = useTranslation();
  const [factsA, factsB] = [factsOf(a), factsOf(b)];
  const agreements = compareFacts(factsA, factsB);
  // Other names are rare: their row is shown only when a record has some.
  const rows = ROWS.filter(({ row }) => row !== 'other' || factsA.other.length + factsB.other.length > 0);
  return (
    <Table.ScrollContainer minWidth={540}>
      <Table withTableBorder withColumnBorders className={classes.comparison} verticalSpacing="xs">
        <caption className={classes.caption}>{t('identityComparisonCaption')}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">
              <Text size="xs" c="dimmed" fw={400}>
                {t('identityColumnFact')}
              </Text>
            </Table.Th>
            <Table.Th scope="col">
              <RecordHeading patient={a} label={t('identityRecordA')} />
            </Table.Th>
            <Table.Th scope="col">
              <RecordHeading patient={b} label={t('identityRecordB')} />
            </Table.Th>
            <Table.Th scope="col">
              <Text size="xs" c="dimmed" fw={400}>
                {t('identityColumnAgreement')}
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ row, label }) => {
            const agreement = agreements[row];
            return (
              <Table.Tr key={row} data-agreement={agreement ?? undefined}>
                <Table.Th scope="row">{t(label)}</Table.Th>
                <Table.Td>
                  <FactValue row={row} patient={a} facts={factsA} siteName={siteName} />
                </Table.Td>
                <Table.Td>
                  <FactValue row={row} patient={b} facts={factsB} siteName={siteName} />
                </Table.Td>
                <Table.Td>{agreement && <AgreementMark agreement={agreement} />}</Table.Td>
              </Table.Tr>
            );
          })}
          {records && (
            <Table.Tr>
              <Table.Th scope="row">{t('identityRowRecords')}</Table.Th>
              {records.map((count, i) => (
                <Table.Td key={i}>
                  {count === undefined ? '—' : t('identityRecordEntries', { count })}
                </Table.Td>
              ))}
              <Table.Td />
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
