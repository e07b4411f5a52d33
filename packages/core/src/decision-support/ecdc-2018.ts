/**
 * The default programme: ECDC, Public health guidance on screening and vaccination for infectious
 * diseases in newly arrived migrants within the EU/EEA (December 2018), with the default table.
 */
import { ECDC_2018_TABLE } from './ecdc-2018-table.ts';
import type { ScreeningProgramme } from './programme.ts';

export const DEFAULT_PROGRAMME: ScreeningProgramme = {
  id: 'ecdc-2018',
  name: 'ECDC 2018',
  source:
    'ECDC. Public health guidance on screening and vaccination for infectious diseases in newly arrived ' +
    'migrants within the EU/EEA. Stockholm: ECDC; 2018',
  year: 2018,
  table: ECDC_2018_TABLE,
  thresholds: { tbIncidence: 40, hiv: 1, hbsag: 2, hcv: 2 },
  rules: {
    ltbiMaxAge: 35,
    cxrMinAge: 15,
    hivOfferFromAge: 15,
    hcvMinAge: 18,
    childMaxAge: 18,
    transitMinMonths: 3,
  },
  vaccination: {
    mmr: { minAgeMonths: 12, doses: 2 },
    dtp: { minAgeMonths: 2, doses: 3 },
    polio: { minAgeMonths: 2, doses: 3 },
    hib: { minAgeMonths: 2, maxAgeMonths: 60, doses: 1, dosesUnder12Months: 3 },
    'hepatitis-b': { minAgeMonths: 0, doses: 3 },
  },
};
