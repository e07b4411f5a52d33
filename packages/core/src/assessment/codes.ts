/** Answer codes of the assessment, one place for the questionnaire, extraction and decision support. */
import type { Coding } from '@medplum/fhirtypes';
import { TESTS } from '../decision-support/screening-tests.ts';
import { loinc, passageCode, snomed } from './questionnaire-builder.ts';

export const ADMINISTRATIVE_GENDER = 'http://hl7.org/fhir/administrative-gender';
export const SEX_OPTIONS: Coding[] = [
  { system: ADMINISTRATIVE_GENDER, code: 'male', display: 'Male' },
  { system: ADMINISTRATIVE_GENDER, code: 'female', display: 'Female' },
  { system: ADMINISTRATIVE_GENDER, code: 'other', display: 'Other' },
  { system: ADMINISTRATIVE_GENDER, code: 'unknown', display: 'Unknown' },
];

export const ENCOUNTER_TYPES: Coding[] = [
  passageCode('arrival-assessment', 'Arrival health assessment'),
  passageCode('symptom-visit', 'Symptom-driven visit'),
  passageCode('follow-up', 'Follow-up visit'),
  passageCode('pre-departure', 'Pre-departure assessment'),
  passageCode('referral-visit', 'Referral visit'),
];

export const YES_NO_UNKNOWN: Coding[] = [
  passageCode('yes', 'Yes'),
  passageCode('no', 'No'),
  passageCode('unknown', 'Unknown'),
];

export const TB_HISTORY: Coding[] = [
  passageCode('never', 'Never had TB'),
  passageCode('treated-completed', 'Treated, treatment completed'),
  passageCode('treated-incomplete', 'Treated, treatment not completed'),
  passageCode('on-treatment', 'On treatment now'),
  passageCode('unknown', 'Unknown'),
];

export const SEVERITY: Coding[] = [
  passageCode('mild', 'Mild'),
  passageCode('moderate', 'Moderate'),
  passageCode('severe', 'Severe'),
];

export const VACCINE_SOURCE: Coding[] = [
  passageCode('documented', 'Documented (card or certificate)'),
  passageCode('self-reported', 'Self-reported'),
  passageCode('given-today', 'Given today'),
];

/**
 * Screening and laboratory tests. The screenings decision support recommends use its codes, so a
 * test recorded here counts as that screening done; other tests are LOINC.
 */
const short = (coding: Coding, display: string): Coding => ({ ...coding, display });
export const ASSESSMENT_TESTS: Coding[] = [
  short(TESTS.chestXray, 'Chest X-ray'),
  short(TESTS.igra, 'Interferon-gamma release assay (IGRA)'),
  short(TESTS.tst, 'Tuberculin skin test'),
  loinc('11545-1', 'Sputum acid-fast stain'),
  short(TESTS.hivAgAb, 'HIV 1+2 antibody and HIV-1 p24 antigen'),
  short(TESTS.hbsag, 'Hepatitis B surface antigen (HBsAg)'),
  short(TESTS.antiHbc, 'Hepatitis B core antibody (anti-HBc)'),
  short(TESTS.antiHbs, 'Hepatitis B surface antibody (anti-HBs)'),
  short(TESTS.antiHcv, 'Hepatitis C antibody (anti-HCV)'),
  short(TESTS.hcvRna, 'Hepatitis C RNA'),
  loinc('20507-0', 'Syphilis RPR'),
  short(TESTS.schistosomaSerology, 'Schistosoma serology'),
  short(TESTS.strongyloidesSerology, 'Strongyloides serology'),
  loinc('70569-9', 'Malaria rapid diagnostic test'),
  loinc('10704-1', 'Stool ova and parasites'),
  loinc('2106-3', 'Pregnancy test (hCG, urine)'),
  loinc('718-7', 'Haemoglobin'),
  loinc('4548-4', 'HbA1c'),
];

export const TEST_RESULTS: Coding[] = [
  passageCode('negative', 'Negative / normal'),
  passageCode('positive', 'Positive / abnormal'),
  passageCode('indeterminate', 'Indeterminate'),
  passageCode('pending', 'Pending (result to come)'),
  passageCode('declined', 'Declined by the person'),
];

export const REFERRAL_TARGETS: Coding[] = [
  passageCode('tb-clinic', 'TB clinic'),
  passageCode('infectious-diseases', 'Infectious diseases / HIV / hepatitis care'),
  passageCode('mental-health', 'Mental health and psychosocial support'),
  passageCode('antenatal', 'Antenatal care'),
  passageCode('paediatrics', 'Paediatrics'),
  passageCode('hospital', 'Hospital (emergency or admission)'),
  passageCode('specialist', 'Other specialist'),
  passageCode('dentist', 'Dentist'),
  passageCode('social-services', 'Social services / protection'),
];

export const URGENCY: Coding[] = [
  passageCode('routine', 'Routine'),
  passageCode('urgent', 'Urgent'),
  passageCode('stat', 'Emergency'),
];

export const FITNESS: Coding[] = [
  passageCode('fit', 'Fit to travel'),
  passageCode('fit-with-conditions', 'Fit to travel with conditions'),
  passageCode('unfit', 'Not fit to travel'),
];

export const DIARRHOEA: Coding[] = [
  passageCode('none', 'None'),
  passageCode('watery', 'Watery'),
  passageCode('bloody', 'Bloody'),
];

export const BODY_SYSTEMS: Coding[] = [
  passageCode('general', 'General appearance'),
  passageCode('skin', 'Skin and hair'),
  passageCode('eyes', 'Eyes'),
  passageCode('ent', 'Ear, nose and throat'),
  passageCode('teeth', 'Teeth and mouth'),
  passageCode('cardiovascular', 'Cardiovascular'),
  passageCode('respiratory', 'Respiratory'),
  passageCode('abdomen', 'Abdomen'),
  passageCode('musculoskeletal', 'Musculoskeletal'),
  passageCode('neurological', 'Neurological'),
  passageCode('genitourinary', 'Genitourinary'),
];

export const MEASURE_POSITION: Coding[] = [
  passageCode('lying', 'Lying (length)'),
  passageCode('standing', 'Standing (height)'),
];

/** PHQ-9 and GAD-7 answer scale (Kroenke, Spitzer et al.; free to use). The code is the score. */
export const FREQUENCY_SCALE: Coding[] = [
  passageCode('0', 'Not at all'),
  passageCode('1', 'Several days'),
  passageCode('2', 'More than half the days'),
  passageCode('3', 'Nearly every day'),
];

export const SUBSTANCE_USE: Coding[] = [
  passageCode('none', 'None'),
  passageCode('alcohol', 'Alcohol'),
  passageCode('tobacco', 'Tobacco'),
  passageCode('cannabis', 'Cannabis'),
  passageCode('opioids', 'Opioids'),
  passageCode('other', 'Other'),
];

export const SYMPTOMS = {
  fever: snomed('386661006', 'Fever'),
  cough: snomed('284523002', 'Persistent cough (over two weeks)'),
  haemoptysis: snomed('66857006', 'Blood in sputum'),
  nightSweats: snomed('42984000', 'Night sweats'),
  weightLoss: snomed('89362005', 'Weight loss'),
  vomiting: snomed('422400008', 'Vomiting'),
  rash: snomed('271807003', 'Rash'),
  itching: snomed('418290006', 'Itching'),
  jaundice: snomed('18165001', 'Jaundice'),
  headache: snomed('25064002', 'Headache'),
  neckStiffness: snomed('161882006', 'Neck stiffness'),
  alteredConsciousness: snomed('3006004', 'Altered consciousness'),
  bleeding: snomed('131148009', 'Bleeding'),
  pain: snomed('22253000', 'Pain'),
  dental: snomed('27355003', 'Toothache or dental problem'),
  sleep: snomed('26677001', 'Sleep problems'),
} as const;

export const OBSERVATION_CODES = {
  diarrhoea: snomed('62315008', 'Diarrhoea'),
  temperature: loinc('8310-5', 'Body temperature'),
  systolic: loinc('8480-6', 'Systolic blood pressure'),
  diastolic: loinc('8462-4', 'Diastolic blood pressure'),
  bloodPressure: loinc('85354-9', 'Blood pressure panel'),
  heartRate: loinc('8867-4', 'Heart rate'),
  respiratoryRate: loinc('9279-1', 'Respiratory rate'),
  oxygenSaturation: loinc('59408-5', 'Oxygen saturation by pulse oximetry'),
  height: loinc('8302-2', 'Body height'),
  weight: loinc('29463-7', 'Body weight'),
  bmi: loinc('39156-5', 'Body mass index'),
  headCircumference: loinc('9843-4', 'Head circumference'),
  muac: loinc('56072-2', 'Mid-upper arm circumference'),
  pregnancyStatus: loinc('82810-3', 'Pregnancy status'),
  lmp: loinc('8665-2', 'Last menstrual period start date'),
  gestationalAge: loinc('11884-4', 'Gestational age (estimated)'),
  parity: loinc('11977-6', 'Parity'),
  phq9: loinc('44261-6', 'PHQ-9 total score'),
  gad7: loinc('70274-6', 'GAD-7 total score'),
  tbSymptomScreen: passageCode('tb-symptom-screen', 'TB symptom screen'),
  selfHarmRisk: passageCode('self-harm-risk', 'Risk of self-harm'),
  substanceUse: passageCode('substance-use', 'Substance use'),
  fgm: passageCode('fgm', 'Female genital mutilation'),
  violenceInjury: passageCode('violence-injury', 'Injuries from violence or torture'),
  examFinding: passageCode('exam-finding', 'Examination finding'),
  fitnessToTravel: passageCode('fitness-to-travel', 'Fitness to travel'),
  isolation: passageCode('isolation-needed', 'Isolation or other public-health measure needed'),
  growth: passageCode('growth-z-score', 'Growth z-score'),
} as const;
