import { translateCoding, translateItem, YES_NO_UNKNOWN } from '@passage/core';
import { Fragment } from 'react';
import { directionOf } from '../../i18n/languages';
import type { QuestionnaireItem } from '../fhir-types';
import { formatAnswer } from '../questionnaire-form/answer-format';
import { itemUnit } from '../questionnaire-form/item-meta';
import { groupKey, type ReportRow, type ReportSection } from './report';
import classes from './report.module.css';

/** How a column writes a boolean; the interface's catalogue for its own column, core's for others. */
export interface Column {
  language: string;
  heading: string;
  yesNo: (value: boolean) => string;
}

const YES = YES_NO_UNKNOWN.find((c) => c.code === 'yes');
const NO = YES_NO_UNKNOWN.find((c) => c.code === 'no');

/** Yes/No in any language the assessment catalogues cover. */
export function catalogueYesNo(language: string): (value: boolean) => string {
  return (value) => {
    const coding = value ? YES : NO;
    return coding ? translateCoding(coding, language) : String(value);
  };
}

function groupTitle(row: ReportRow, language: string): string {
  return row.groups
    .map((g) => `${translateItem(g.item, language)}${g.number === undefined ? '' : ` ${g.number}`}`)
    .join(' › ');
}

function Cell({ row, column }: { row: ReportRow; column: Column }) {
  return (
    <td lang={column.language} dir={directionOf(column.language)}>
      <span className={classes.question}>{translateItem(row.item, column.language)}</span>
      {/* One line per answer. Free text is isolated (it may be in any script); formatted answers follow
          the column's direction, with their codes already isolated by formatAnswer. */}
      {row.answers.map((a, i) => {
        const text = formatAnswer(row.item, a, column.language, column.yesNo, itemUnit(row.item));
        return a.valueString !== undefined ? (
          <bdi key={i} className={classes.answer}>
            {text}
          </bdi>
        ) : (
          <span key={i} className={classes.answer}>
            {text}
          </span>
        );
      })}
    </td>
  );
}

/** One section: its title in each language, then a row per answered question, one column per language. */
export function ReportTable({ section, columns }: { section: ReportSection; columns: readonly Column[] }) {
  const [first, ...others] = columns;
  if (!first) return null;
  const title = (item: QuestionnaireItem) => translateItem(item, first.language);
  return (
    <section className={classes.section} aria-labelledby={`report-${section.item.linkId}`}>
      <h2 id={`report-${section.item.linkId}`}>
        {title(section.item)}
        {others.map((c) => (
          <span key={c.language} lang={c.language} dir={directionOf(c.language)} className={classes.second}>
            {translateItem(section.item, c.language)}
          </span>
        ))}
      </h2>
      <table className={classes.table}>
        {columns.length > 1 && (
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.language} scope="col" lang={c.language} dir={directionOf(c.language)}>
                  {c.heading}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody>
          {section.rows.map((row, i) => {
            const key = groupKey(row);
            const startsGroup = key !== '' && (i === 0 || groupKey(section.rows[i - 1] as ReportRow) !== key);
            return (
              <Fragment key={row.path}>
                {startsGroup && (
                  <tr className={classes.subheading}>
                    {columns.map((c) => (
                      <td key={c.language} lang={c.language} dir={directionOf(c.language)}>
                        {groupTitle(row, c.language)}
                      </td>
                    ))}
                  </tr>
                )}
                <tr>
                  {columns.map((c) => (
                    <Cell key={c.language} row={row} column={c} />
                  ))}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
