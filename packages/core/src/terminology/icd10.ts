/**
 * The ICD-10 (WHO 2019) diagnoses offered in the assessment: the conditions the migrant-health
 * literature reports (Zenner et al., J Travel Med 2022) and the EU notifiable diseases (Commission
 * Implementing Decision (EU) 2018/945). A closed list keeps coding consistent between sites; a
 * national programme can extend it. `notifiable` feeds surveillance; `sensitive` data is hidden from
 * roles that do not need it.
 */
import { ICD10_SYSTEM } from '../records/fhir-conventions.ts';

export interface Icd10Entry {
  readonly code: string;
  readonly display: string;
  readonly notifiable?: true;
  readonly sensitive?: true;
}

const n = { notifiable: true } as const;
const s = { sensitive: true } as const;
const ns = { notifiable: true, sensitive: true } as const;

export const ICD10_ENTRIES: readonly Icd10Entry[] = [
  // Infectious and parasitic diseases
  { code: 'A00.9', display: 'Cholera, unspecified', ...n },
  { code: 'A01.0', display: 'Typhoid fever', ...n },
  { code: 'A03.9', display: 'Shigellosis, unspecified', ...n },
  { code: 'A06.0', display: 'Acute amoebic dysentery' },
  { code: 'A08.4', display: 'Viral intestinal infection, unspecified' },
  { code: 'A09', display: 'Diarrhoea and gastroenteritis of presumed infectious origin' },
  { code: 'A15.0', display: 'Tuberculosis of lung, confirmed by sputum microscopy', ...n },
  {
    code: 'A16.2',
    display: 'Tuberculosis of lung, without bacteriological or histological confirmation',
    ...n,
  },
  { code: 'A18.2', display: 'Tuberculous peripheral lymphadenopathy', ...n },
  { code: 'A19.9', display: 'Miliary tuberculosis, unspecified', ...n },
  { code: 'A36.9', display: 'Diphtheria, unspecified', ...n },
  { code: 'A37.9', display: 'Whooping cough, unspecified', ...n },
  { code: 'A39.9', display: 'Meningococcal infection, unspecified', ...n },
  { code: 'A53.9', display: 'Syphilis, unspecified', ...ns },
  { code: 'A54.9', display: 'Gonococcal infection, unspecified', ...ns },
  { code: 'A56.2', display: 'Chlamydial infection of genitourinary tract, unspecified', ...ns },
  { code: 'A80.9', display: 'Acute poliomyelitis, unspecified', ...n },
  { code: 'B01.9', display: 'Varicella without complication' },
  { code: 'B05.9', display: 'Measles without complication', ...n },
  { code: 'B06.9', display: 'Rubella without complication', ...n },
  { code: 'B15.9', display: 'Hepatitis A without hepatic coma', ...n },
  { code: 'B16.9', display: 'Acute hepatitis B without delta-agent and without hepatic coma', ...n },
  { code: 'B17.1', display: 'Acute hepatitis C', ...n },
  { code: 'B18.1', display: 'Chronic viral hepatitis B without delta-agent', ...n },
  { code: 'B18.2', display: 'Chronic viral hepatitis C', ...n },
  { code: 'B24', display: 'Unspecified human immunodeficiency virus [HIV] disease', ...ns },
  { code: 'B26.9', display: 'Mumps without complication', ...n },
  { code: 'B35.4', display: 'Tinea corporis' },
  { code: 'B54', display: 'Unspecified malaria', ...n },
  { code: 'B65.9', display: 'Schistosomiasis, unspecified' },
  { code: 'B78.9', display: 'Strongyloidiasis, unspecified' },
  { code: 'B82.9', display: 'Intestinal parasitism, unspecified' },
  { code: 'B85.2', display: 'Pediculosis, unspecified' },
  { code: 'B86', display: 'Scabies' },
  { code: 'H10.9', display: 'Conjunctivitis, unspecified' },
  { code: 'H66.9', display: 'Otitis media, unspecified' },
  { code: 'J02.9', display: 'Acute pharyngitis, unspecified' },
  { code: 'J03.9', display: 'Acute tonsillitis, unspecified' },
  { code: 'J06.9', display: 'Acute upper respiratory infection, unspecified' },
  { code: 'J18.9', display: 'Pneumonia, unspecified' },
  { code: 'J20.9', display: 'Acute bronchitis, unspecified' },
  { code: 'J22', display: 'Unspecified acute lower respiratory infection' },
  { code: 'L01.0', display: 'Impetigo' },
  { code: 'L08.9', display: 'Local infection of skin and subcutaneous tissue, unspecified' },
  { code: 'N39.0', display: 'Urinary tract infection, site not specified' },
  { code: 'U07.1', display: 'COVID-19, virus identified', ...n },
  { code: 'Z21', display: 'Asymptomatic human immunodeficiency virus [HIV] infection status', ...ns },
  { code: 'Z22.5', display: 'Carrier of viral hepatitis' },
  // Non-communicable disease
  { code: 'C80.9', display: 'Malignant neoplasm, primary site unspecified' },
  { code: 'D50.9', display: 'Iron deficiency anaemia, unspecified' },
  { code: 'D57.1', display: 'Sickle-cell disease without crisis' },
  { code: 'E10.9', display: 'Type 1 diabetes mellitus without complications' },
  { code: 'E11.9', display: 'Type 2 diabetes mellitus without complications' },
  { code: 'E43', display: 'Unspecified severe protein-energy malnutrition' },
  { code: 'E44.0', display: 'Moderate protein-energy malnutrition' },
  { code: 'E66.9', display: 'Obesity, unspecified' },
  { code: 'G40.9', display: 'Epilepsy, unspecified' },
  { code: 'G43.9', display: 'Migraine, unspecified' },
  { code: 'I10', display: 'Essential (primary) hypertension' },
  { code: 'I25.9', display: 'Chronic ischaemic heart disease, unspecified' },
  { code: 'I50.9', display: 'Heart failure, unspecified' },
  { code: 'I64', display: 'Stroke, not specified as haemorrhage or infarction' },
  { code: 'J44.9', display: 'Chronic obstructive pulmonary disease, unspecified' },
  { code: 'J45.9', display: 'Asthma, unspecified' },
  { code: 'K02.9', display: 'Dental caries, unspecified' },
  { code: 'K21.9', display: 'Gastro-oesophageal reflux disease without oesophagitis' },
  { code: 'K29.7', display: 'Gastritis, unspecified' },
  { code: 'M54.5', display: 'Low back pain' },
  { code: 'N18.9', display: 'Chronic kidney disease, unspecified' },
  { code: 'R51', display: 'Headache' },
  // Mental and behavioural
  {
    code: 'F10.2',
    display: 'Mental and behavioural disorders due to use of alcohol: dependence syndrome',
    ...s,
  },
  {
    code: 'F11.2',
    display: 'Mental and behavioural disorders due to use of opioids: dependence syndrome',
    ...s,
  },
  { code: 'F20.9', display: 'Schizophrenia, unspecified', ...s },
  { code: 'F31.9', display: 'Bipolar affective disorder, unspecified', ...s },
  { code: 'F32.9', display: 'Depressive episode, unspecified', ...s },
  { code: 'F41.1', display: 'Generalized anxiety disorder', ...s },
  { code: 'F43.1', display: 'Post-traumatic stress disorder', ...s },
  { code: 'F43.2', display: 'Adjustment disorders', ...s },
  { code: 'F51.0', display: 'Nonorganic insomnia', ...s },
  {
    code: 'R45.8',
    display: 'Other symptoms and signs involving emotional state (incl. suicidal ideation)',
    ...s,
  },
  // Injury, pregnancy, circumstances
  { code: 'T14.9', display: 'Injury, unspecified' },
  { code: 'T30.0', display: 'Burn of unspecified body region, unspecified degree' },
  { code: 'T74.9', display: 'Maltreatment syndrome, unspecified', ...s },
  { code: 'Z33', display: 'Pregnant state, incidental' },
  { code: 'Z34.9', display: 'Supervision of normal pregnancy, unspecified' },
  { code: 'Z20.1', display: 'Contact with and exposure to tuberculosis' },
  { code: 'Z59.0', display: 'Homelessness' },
  { code: 'Z73.6', display: 'Limitation of activities due to disability' },
  { code: 'Z91.5', display: 'Personal history of self-harm', ...s },
];

const BY_CODE = new Map(ICD10_ENTRIES.map((entry) => [entry.code, entry]));

export const ICD10_VALUE_SET = 'https://passage.example.org/fhir/ValueSet/assessment-icd10';

export function icd10Entry(code: string): Icd10Entry | undefined {
  return BY_CODE.get(code);
}

export function icd10Coding(code: string): { system: string; code: string; display: string } {
  const entry = BY_CODE.get(code);
  if (!entry) throw new Error(`ICD-10 code ${code} is not in the assessment value set`);
  return { system: ICD10_SYSTEM, code, display: entry.display };
}

/** Whether any ICD-10 code (not only listed ones) falls in a range such as `A15-A19` or `B20-B24`. */
export function icd10InRange(code: string, range: string): boolean {
  const [from = '', to = from] = range.split('-');
  const category = code.slice(0, 3);
  return category >= from.slice(0, 3) && category <= to.slice(0, 3);
}
