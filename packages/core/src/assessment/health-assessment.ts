/**
 * The Passage health assessment: a versioned FHIR Questionnaire covering the data set of a migrant
 * health assessment (IOM Handbook practice; shared/reference/assessment-dataset.md), section by
 * section. The web form is rendered from it and the server extracts FHIR resources from answers to it,
 * so a question added here appears in both. A changed question needs a new version.
 */
import type { Questionnaire } from '@medplum/fhirtypes';
import { CVX_VALUE_SET } from '../terminology/value-sets.ts';
import { ICD10_VALUE_SET } from '../terminology/icd10.ts';
import {
  BODY_SYSTEMS,
  DIARRHOEA,
  ENCOUNTER_TYPES,
  FITNESS,
  FREQUENCY_SCALE,
  MEASURE_POSITION,
  OBSERVATION_CODES as OBS,
  REFERRAL_TARGETS,
  SEVERITY,
  SEX_OPTIONS,
  SUBSTANCE_USE,
  SYMPTOMS,
  TB_HISTORY,
  TEST_RESULTS,
  ASSESSMENT_TESTS,
  URGENCY,
  VACCINE_SOURCE,
  YES_NO_UNKNOWN,
  ADMINISTRATIVE_GENDER,
} from './codes.ts';
import {
  bool,
  choice,
  choiceFromValueSet,
  date,
  group,
  integer,
  quantity,
  string,
  text,
  whenCode,
  whenNumber,
  whenTrue,
} from './questionnaire-builder.ts';

export const HEALTH_ASSESSMENT_URL = 'https://passage.example.org/fhir/Questionnaire/health-assessment';
export const HEALTH_ASSESSMENT_VERSION = '1.0.0';
export const HEALTH_ASSESSMENT_ID = 'health-assessment-1-0-0';

/** Answers filled from the person's record when the form opens (SDC population), read-only. */
export const CONTEXT = { age: 'context-age', sex: 'context-sex' } as const;

const isFemale = whenCode(CONTEXT.sex, 'female', ADMINISTRATIVE_GENDER);
const ageBelow = (years: number) => whenNumber(CONTEXT.age, '<', years);
const ageFrom = (years: number) => whenNumber(CONTEXT.age, '>=', years);

const symptom = (linkId: string, coding: (typeof SYMPTOMS)[keyof typeof SYMPTOMS]) =>
  bool(linkId, coding.display ?? linkId, { observation: { code: coding, category: 'survey' } });

const frequencyItem = (linkId: string, label: string) =>
  choice(linkId, label, FREQUENCY_SCALE, { required: true, control: 'radio-button' });

const phq9 = [
  'Little interest or pleasure in doing things',
  'Feeling down, depressed, or hopeless',
  'Trouble falling or staying asleep, or sleeping too much',
  'Feeling tired or having little energy',
  'Poor appetite or overeating',
  'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
  'Trouble concentrating on things, such as reading the newspaper or watching television',
  'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
  'Thoughts that you would be better off dead or of hurting yourself in some way',
];
const gad7 = [
  'Feeling nervous, anxious or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid as if something awful might happen',
];

export const PHQ9_ITEMS = phq9.map((_, i) => `phq9-${i + 1}`);
export const GAD7_ITEMS = gad7.map((_, i) => `gad7-${i + 1}`);

export const healthAssessment: Questionnaire & { id: string } = {
  resourceType: 'Questionnaire',
  id: HEALTH_ASSESSMENT_ID,
  url: HEALTH_ASSESSMENT_URL,
  version: HEALTH_ASSESSMENT_VERSION,
  name: 'PassageHealthAssessment',
  title: 'Health assessment',
  status: 'active',
  subjectType: ['Patient'],
  date: '2026-11-25',
  publisher: 'Passage',
  description:
    'Health assessment of a newly arrived migrant or refugee (IOM Handbook for health professionals; ECDC 2018 screening guidance).',
  item: [
    group('context', 'About the person', [
      quantity(
        CONTEXT.age,
        'Age (years)',
        { code: 'a', display: 'years' },
        { min: 0, max: 130 },
        { readOnly: true },
      ),
      choice(CONTEXT.sex, 'Sex', SEX_OPTIONS, { readOnly: true }),
    ]),
    group(
      'encounter',
      'Visit',
      [
        choice('encounter-type', 'Type of visit', ENCOUNTER_TYPES, {
          required: true,
          control: 'radio-button',
        }),
        bool('consent', 'The person agreed to this assessment', { required: true }),
        bool('interpreter-used', 'Interpreter or health mediator present'),
        string('interpreter-language', 'Language interpreted', {
          enableWhen: [whenTrue('interpreter-used')],
        }),
        choice(
          'interpreter-mode',
          'Interpreting',
          [
            { code: 'in-person', display: 'In person' },
            { code: 'remote', display: 'Remote (phone or video)' },
          ],
          { enableWhen: [whenTrue('interpreter-used')], control: 'radio-button' },
        ),
      ],
      { required: true },
    ),
    group('history', 'History', [
      choiceFromValueSet('chronic-conditions', 'Chronic conditions', ICD10_VALUE_SET, { repeats: true }),
      choice('tb-history', 'Tuberculosis in the past', TB_HISTORY, { control: 'radio-button' }),
      bool('hiv-known', 'Known HIV infection', { sensitive: true }),
      bool('hepatitis-known', 'Known hepatitis B or C'),
      bool('malaria-past', 'Malaria in the past year'),
      text('surgery-history', 'Surgery, hospital stays and injuries'),
      bool('violence-injury', OBS.violenceInjury.display ?? '', {
        sensitive: true,
        observation: { code: OBS.violenceInjury, category: 'social-history' },
      }),
      text('violence-details', 'Details (only with the person’s agreement)', {
        sensitive: true,
        enableWhen: [whenTrue('violence-injury')],
      }),
      group(
        'medication',
        'Current medication',
        [
          string('medication-name', 'Medicine', { required: true }),
          string('medication-dose', 'Dose and frequency'),
          integer('medication-supply-days', 'Days of supply left', { min: 0, max: 365 }),
        ],
        { repeats: true },
      ),
      group(
        'allergy',
        'Allergies and intolerances',
        [
          string('allergy-substance', 'Substance', { required: true }),
          string('allergy-reaction', 'Reaction'),
          choice('allergy-severity', 'Severity', SEVERITY, { control: 'radio-button' }),
        ],
        { repeats: true },
      ),
      text('family-history', 'Family history'),
    ]),
    group(
      'pregnancy',
      'Pregnancy and women’s health',
      [
        choice('pregnant', 'Pregnant now', YES_NO_UNKNOWN, {
          required: true,
          control: 'radio-button',
          observation: { code: OBS.pregnancyStatus, category: 'social-history' },
        }),
        date('lmp', 'First day of last menstrual period', {
          observation: { code: OBS.lmp, category: 'social-history' },
        }),
        quantity(
          'gestational-age',
          'Gestational age',
          { code: 'wk', display: 'weeks' },
          { min: 1, max: 44, integer: true },
          {
            enableWhen: [whenCode('pregnant', 'yes')],
            observation: { code: OBS.gestationalAge, category: 'social-history' },
          },
        ),
        bool('antenatal-care', 'Antenatal care so far', { enableWhen: [whenCode('pregnant', 'yes')] }),
        integer(
          'parity',
          'Number of births',
          { min: 0, max: 25 },
          {
            observation: { code: OBS.parity, category: 'social-history' },
          },
        ),
        bool('breastfeeding', 'Breastfeeding'),
        string('contraception', 'Contraception'),
        choice('fgm', 'Female genital mutilation', YES_NO_UNKNOWN, {
          sensitive: true,
          control: 'radio-button',
          observation: { code: OBS.fgm, category: 'exam' },
        }),
      ],
      { required: true, enableWhen: [isFemale, ageFrom(10)], enableBehavior: 'all' },
    ),
    group(
      'child',
      'Child health',
      [
        text('birth-history', 'Birth history (term, weight, complications)'),
        bool('development-concern', 'Concern about development'),
        bool('school', 'Goes to school', { enableWhen: [ageFrom(5)] }),
      ],
      { enableWhen: [ageBelow(18)] },
    ),
    group('vaccination', 'Vaccination history', [
      group(
        'vaccine',
        'Vaccine',
        [
          choiceFromValueSet('vaccine-code', 'Vaccine', CVX_VALUE_SET, { required: true }),
          date('vaccine-date', 'Date given'),
          integer('vaccine-dose', 'Dose number', { min: 1, max: 10 }),
          choice('vaccine-source', 'Source', VACCINE_SOURCE, { required: true, control: 'radio-button' }),
        ],
        { repeats: true },
      ),
    ]),
    group('symptoms', 'Symptoms', [
      group('tb-symptoms', 'TB symptom screen', [
        symptom('symptom-cough', SYMPTOMS.cough),
        symptom('symptom-haemoptysis', SYMPTOMS.haemoptysis),
        symptom('symptom-fever', SYMPTOMS.fever),
        symptom('symptom-night-sweats', SYMPTOMS.nightSweats),
        symptom('symptom-weight-loss', SYMPTOMS.weightLoss),
      ]),
      choice('symptom-diarrhoea', 'Diarrhoea', DIARRHOEA, {
        control: 'radio-button',
        observation: { code: OBS.diarrhoea, category: 'survey' },
      }),
      symptom('symptom-vomiting', SYMPTOMS.vomiting),
      symptom('symptom-rash', SYMPTOMS.rash),
      symptom('symptom-itching', SYMPTOMS.itching),
      symptom('symptom-jaundice', SYMPTOMS.jaundice),
      symptom('symptom-headache', SYMPTOMS.headache),
      symptom('symptom-neck-stiffness', SYMPTOMS.neckStiffness),
      symptom('symptom-altered-consciousness', SYMPTOMS.alteredConsciousness),
      symptom('symptom-bleeding', SYMPTOMS.bleeding),
      symptom('symptom-pain', SYMPTOMS.pain),
      symptom('symptom-dental', SYMPTOMS.dental),
      symptom('symptom-sleep', SYMPTOMS.sleep),
    ]),
    group('examination', 'Examination', [
      group('vitals', 'Vital signs', [
        quantity(
          'temperature',
          'Temperature',
          { code: 'Cel', display: '°C' },
          { min: 30, max: 45 },
          {
            observation: { code: OBS.temperature, category: 'vital-signs' },
          },
        ),
        quantity(
          'systolic',
          'Blood pressure, systolic',
          { code: 'mm[Hg]', display: 'mmHg' },
          { min: 50, max: 260, integer: true },
          {
            enableWhen: [ageFrom(3)],
          },
        ),
        quantity(
          'diastolic',
          'Blood pressure, diastolic',
          { code: 'mm[Hg]', display: 'mmHg' },
          { min: 20, max: 160, integer: true },
          {
            enableWhen: [ageFrom(3)],
          },
        ),
        quantity(
          'heart-rate',
          'Heart rate',
          { code: '/min', display: 'beats/min' },
          { min: 20, max: 250, integer: true },
          {
            observation: { code: OBS.heartRate, category: 'vital-signs' },
          },
        ),
        quantity(
          'respiratory-rate',
          'Respiratory rate',
          { code: '/min', display: 'breaths/min' },
          { min: 5, max: 100, integer: true },
          {
            observation: { code: OBS.respiratoryRate, category: 'vital-signs' },
          },
        ),
        quantity(
          'oxygen-saturation',
          'Oxygen saturation',
          { code: '%', display: '%' },
          { min: 50, max: 100, integer: true },
          {
            observation: { code: OBS.oxygenSaturation, category: 'vital-signs' },
          },
        ),
      ]),
      group('anthropometry', 'Measurements', [
        quantity(
          'weight',
          'Weight',
          { code: 'kg', display: 'kg' },
          { min: 0.5, max: 300 },
          {
            observation: { code: OBS.weight, category: 'vital-signs' },
          },
        ),
        quantity(
          'height',
          'Height or length',
          { code: 'cm', display: 'cm' },
          { min: 30, max: 250 },
          {
            observation: { code: OBS.height, category: 'vital-signs' },
          },
        ),
        choice('measure-position', 'Measured', MEASURE_POSITION, {
          enableWhen: [ageBelow(5)],
          control: 'radio-button',
        }),
        quantity(
          'muac',
          'Mid-upper arm circumference',
          { code: 'cm', display: 'cm' },
          { min: 5, max: 50 },
          {
            enableWhen: [ageBelow(5)],
            observation: { code: OBS.muac, category: 'vital-signs' },
          },
        ),
        quantity(
          'head-circumference',
          'Head circumference',
          { code: 'cm', display: 'cm' },
          { min: 25, max: 60 },
          {
            enableWhen: [ageBelow(2)],
            observation: { code: OBS.headCircumference, category: 'vital-signs' },
          },
        ),
      ]),
      group(
        'exam-finding',
        'Abnormal finding',
        [
          choice('exam-system', 'Body system', BODY_SYSTEMS, { required: true, control: 'drop-down' }),
          string('exam-description', 'Finding', { required: true }),
        ],
        { repeats: true },
      ),
    ]),
    group('mental-health', 'Mental health and well-being', [
      group(
        'phq9',
        'Over the last 2 weeks, how often have you been bothered by any of the following problems? (PHQ-9)',
        phq9.map((label, i) => frequencyItem(`phq9-${i + 1}`, label)),
        { sensitive: true },
      ),
      group(
        'gad7',
        'Over the last 2 weeks, how often have you been bothered by the following problems? (GAD-7)',
        gad7.map((label, i) => frequencyItem(`gad7-${i + 1}`, label)),
        { sensitive: true },
      ),
      bool('self-harm-risk', 'Risk of self-harm', {
        sensitive: true,
        observation: { code: OBS.selfHarmRisk, category: 'survey' },
      }),
      choice('substance-use', 'Substance use', SUBSTANCE_USE, {
        repeats: true,
        sensitive: true,
        control: 'check-box',
        observation: { code: OBS.substanceUse, category: 'social-history' },
      }),
    ]),
    group('tests', 'Screening and tests', [
      group(
        'test',
        'Test',
        [
          choice('test-code', 'Test', ASSESSMENT_TESTS, { required: true, control: 'drop-down' }),
          date('test-date', 'Date', { required: true }),
          choice('test-result', 'Result', TEST_RESULTS, { required: true, control: 'radio-button' }),
          string('test-note', 'Value or note'),
        ],
        { repeats: true },
      ),
    ]),
    group('conclusion', 'Conclusion', [
      group(
        'diagnosis',
        'Diagnosis',
        [
          choiceFromValueSet('diagnosis-code', 'Diagnosis (ICD-10)', ICD10_VALUE_SET, { required: true }),
          choice(
            'diagnosis-status',
            'Status',
            [
              { code: 'provisional', display: 'Suspected' },
              { code: 'confirmed', display: 'Confirmed' },
            ],
            { required: true, control: 'radio-button' },
          ),
        ],
        { repeats: true },
      ),
      choice('fitness-to-travel', 'Fitness to travel', FITNESS, {
        control: 'radio-button',
        observation: { code: OBS.fitnessToTravel, category: 'exam' },
      }),
      bool('isolation-needed', 'Isolation or other public-health measure needed', {
        observation: { code: OBS.isolation, category: 'exam' },
      }),
      text('treatment-given', 'Treatment given'),
      text('health-education', 'Health education given (resource and language)'),
      group(
        'referral',
        'Referral',
        [
          choice('referral-target', 'Refer to', REFERRAL_TARGETS, { required: true, control: 'drop-down' }),
          string('referral-reason', 'Reason', { required: true }),
          choice('referral-urgency', 'Urgency', URGENCY, { required: true, control: 'radio-button' }),
        ],
        { repeats: true },
      ),
      date('follow-up-date', 'Follow-up visit on', { allowFuture: true }),
      text('notes', 'Notes'),
    ]),
  ],
};
