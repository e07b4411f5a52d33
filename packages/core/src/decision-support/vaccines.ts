/**
 * Vaccines by CVX code (CDC's code system, FHIR `http://hl7.org/fhir/sid/cvx`) and the antigens each
 * covers, so a recorded Tdap or a pentavalent DTP-HepB-Hib dose counts towards every catch-up it
 * contains. Non-US products common in countries of origin (whole-cell DTP, pentavalent, OPV,
 * inactivated COVID-19 vaccines) are included because that is what migrants' cards show.
 */
import { CVX_SYSTEM } from '../records/fhir-conventions.ts';

export const ANTIGENS = [
  'measles',
  'mumps',
  'rubella',
  'diphtheria',
  'tetanus',
  'pertussis',
  'polio',
  'hib',
  'hepatitis-a',
  'hepatitis-b',
  'tuberculosis',
  'pneumococcus',
  'varicella',
  'hpv',
  'covid-19',
] as const;
export type Antigen = (typeof ANTIGENS)[number];

export interface VaccineDefinition {
  readonly display: string;
  readonly antigens: readonly Antigen[];
}

const DTP: Antigen[] = ['diphtheria', 'tetanus', 'pertussis'];
const TD: Antigen[] = ['diphtheria', 'tetanus'];
const MMR: Antigen[] = ['measles', 'mumps', 'rubella'];

export const VACCINES = {
  '01': { display: 'DTP (whole-cell pertussis)', antigens: DTP },
  '02': { display: 'OPV, trivalent', antigens: ['polio'] },
  '03': { display: 'MMR', antigens: MMR },
  '04': { display: 'Measles and rubella (M/R)', antigens: ['measles', 'rubella'] },
  '05': { display: 'Measles', antigens: ['measles'] },
  '06': { display: 'Rubella', antigens: ['rubella'] },
  '07': { display: 'Mumps', antigens: ['mumps'] },
  '08': { display: 'Hepatitis B, adolescent or paediatric', antigens: ['hepatitis-b'] },
  '09': { display: 'Td (adult), adsorbed', antigens: TD },
  '10': { display: 'IPV', antigens: ['polio'] },
  '17': { display: 'Hib, unspecified formulation', antigens: ['hib'] },
  '19': { display: 'BCG', antigens: ['tuberculosis'] },
  '20': { display: 'DTaP', antigens: DTP },
  '21': { display: 'Varicella', antigens: ['varicella'] },
  '22': { display: 'DTP-Hib', antigens: [...DTP, 'hib'] },
  '28': { display: 'DT (paediatric)', antigens: TD },
  '33': { display: 'Pneumococcal polysaccharide PPV23', antigens: ['pneumococcus'] },
  '43': { display: 'Hepatitis B, adult', antigens: ['hepatitis-b'] },
  '45': { display: 'Hepatitis B, unspecified formulation', antigens: ['hepatitis-b'] },
  '48': { display: 'Hib (PRP-T)', antigens: ['hib'] },
  '49': { display: 'Hib (PRP-OMP)', antigens: ['hib'] },
  '50': { display: 'DTaP-Hib', antigens: [...DTP, 'hib'] },
  '51': { display: 'Hib-Hepatitis B', antigens: ['hib', 'hepatitis-b'] },
  '62': { display: 'HPV, quadrivalent', antigens: ['hpv'] },
  '85': { display: 'Hepatitis A, unspecified formulation', antigens: ['hepatitis-a'] },
  '89': { display: 'Polio, unspecified formulation', antigens: ['polio'] },
  '94': { display: 'MMRV', antigens: [...MMR, 'varicella'] },
  '102': { display: 'DTP-Hib-Hepatitis B', antigens: [...DTP, 'hib', 'hepatitis-b'] },
  '104': { display: 'Hepatitis A and hepatitis B', antigens: ['hepatitis-a', 'hepatitis-b'] },
  '106': { display: 'DTaP, 5 pertussis antigens', antigens: DTP },
  '107': { display: 'DTaP, unspecified formulation', antigens: DTP },
  '110': { display: 'DTaP-Hepatitis B-IPV', antigens: [...DTP, 'hepatitis-b', 'polio'] },
  '113': { display: 'Td (adult), preservative free', antigens: TD },
  '115': { display: 'Tdap', antigens: DTP },
  '118': { display: 'HPV, bivalent', antigens: ['hpv'] },
  '120': { display: 'DTaP-Hib-IPV', antigens: [...DTP, 'hib', 'polio'] },
  '130': { display: 'DTaP-IPV', antigens: [...DTP, 'polio'] },
  '133': { display: 'Pneumococcal conjugate PCV13', antigens: ['pneumococcus'] },
  '137': { display: 'HPV, unspecified formulation', antigens: ['hpv'] },
  '138': { display: 'Td (adult), not adsorbed', antigens: TD },
  '139': { display: 'Td (adult), unspecified formulation', antigens: TD },
  '146': {
    display: 'DTaP-IPV-Hib-Hepatitis B (hexavalent)',
    antigens: [...DTP, 'polio', 'hib', 'hepatitis-b'],
  },
  '152': { display: 'Pneumococcal conjugate, unspecified formulation', antigens: ['pneumococcus'] },
  '165': { display: 'HPV, 9-valent', antigens: ['hpv'] },
  '178': { display: 'OPV, bivalent (non-US)', antigens: ['polio'] },
  '182': { display: 'OPV, unspecified formulation', antigens: ['polio'] },
  '198': { display: 'DTP-Hepatitis B-Hib pentavalent (non-US)', antigens: [...DTP, 'hepatitis-b', 'hib'] },
  '207': { display: 'COVID-19, mRNA (Moderna)', antigens: ['covid-19'] },
  '208': { display: 'COVID-19, mRNA (Pfizer-BioNTech)', antigens: ['covid-19'] },
  '210': { display: 'COVID-19, ChAdOx1 vector (AstraZeneca, non-US)', antigens: ['covid-19'] },
  '212': { display: 'COVID-19, Ad26 vector (Janssen)', antigens: ['covid-19'] },
  '213': { display: 'COVID-19, unspecified formulation', antigens: ['covid-19'] },
  '215': { display: 'Pneumococcal conjugate PCV15', antigens: ['pneumococcus'] },
  '216': { display: 'Pneumococcal conjugate PCV20', antigens: ['pneumococcus'] },
  '510': { display: 'COVID-19, inactivated (Sinopharm BIBP, non-US)', antigens: ['covid-19'] },
  '511': { display: 'COVID-19, inactivated (CoronaVac, non-US)', antigens: ['covid-19'] },
} as const satisfies Record<string, VaccineDefinition>;

export type CvxCode = keyof typeof VACCINES;
export const CVX_CODES = Object.keys(VACCINES) as CvxCode[];

export function isCvxCode(code: string): code is CvxCode {
  return Object.hasOwn(VACCINES, code);
}

/** The antigens a CVX code covers; none for a code not in the table. */
export function antigensOf(cvx: string): readonly Antigen[] {
  return isCvxCode(cvx) ? VACCINES[cvx].antigens : [];
}

/** A FHIR Coding for a CVX code in the table. */
export function cvxCoding(cvx: CvxCode): { system: string; code: string; display: string } {
  return { system: CVX_SYSTEM, code: cvx, display: VACCINES[cvx].display };
}
