/**
 * The tests each screening offers, coded with LOINC where a code was confirmed; the rest (symptom
 * screen, skin test, helminth serologies, whose LOINC codes depend on the laboratory's method) use a
 * Passage code system until a laboratory maps them.
 */
import { LOINC_SYSTEM, PASSAGE_FHIR_BASE } from '../records/fhir-conventions.ts';
import type { ScreeningKind } from './input.ts';

export interface Coding {
  readonly system: string;
  readonly code: string;
  readonly display: string;
}

export const SCREENING_TEST_SYSTEM = `${PASSAGE_FHIR_BASE}/CodeSystem/screening-test`;

const loinc = (code: string, display: string): Coding => ({ system: LOINC_SYSTEM, code, display });
const local = (code: string, display: string): Coding => ({ system: SCREENING_TEST_SYSTEM, code, display });

export const TESTS = {
  tbSymptoms: local('tb-symptom-screen', 'Tuberculosis symptom screen'),
  chestXray: loinc('24648-8', 'XR Chest PA upright'),
  igra: loinc('71773-6', 'Mycobacterium tuberculosis stimulated gamma interferon [Presence] in Blood'),
  tst: local('tuberculin-skin-test', 'Tuberculin skin test (Mantoux)'),
  hivAgAb: loinc('56888-1', 'HIV 1+2 Ab+HIV1 p24 Ag [Presence] in Serum or Plasma by Immunoassay'),
  hbsag: loinc('5196-1', 'Hepatitis B virus surface Ag [Presence] in Serum or Plasma by Immunoassay'),
  antiHbc: loinc('16933-4', 'Hepatitis B virus core Ab [Presence] in Serum'),
  antiHbs: loinc('16935-9', 'Hepatitis B virus surface Ab [Units/volume] in Serum'),
  antiHcv: loinc('16128-1', 'Hepatitis C virus Ab [Presence] in Serum'),
  hcvRna: loinc(
    '11011-4',
    'Hepatitis C virus RNA [Units/volume] (viral load) in Serum or Plasma by NAA with probe detection',
  ),
  schistosomaSerology: local('schistosoma-serology', 'Schistosoma species antibody, serum'),
  strongyloidesSerology: local('strongyloides-serology', 'Strongyloides stercoralis antibody, serum'),
} as const satisfies Record<string, Coding>;

/** Which recorded screening kinds count as done for each screening recommendation. */
export const SATISFIED_BY = {
  'screen-tb-symptoms': ['tb-symptoms'],
  'screen-tb-chest-xray': ['chest-xray'],
  'screen-ltbi': ['igra', 'tst'],
  'screen-hiv': ['hiv'],
  'screen-hepatitis-b': ['hbsag'],
  'screen-hepatitis-c': ['anti-hcv'],
  'screen-schistosomiasis': ['schistosoma-serology'],
  'screen-strongyloidiasis': ['strongyloides-serology'],
} as const satisfies Record<string, readonly ScreeningKind[]>;
export type ScreeningId = keyof typeof SATISFIED_BY;
