/**
 * The default country table: TB incidence, adult HIV prevalence, HBsAg and anti-HCV prevalence for
 * the usual countries of origin of people arriving in the EU/EEA, and the countries where
 * schistosomiasis and strongyloidiasis are endemic. A national programme replaces all of it.
 *
 * A figure is left out where no estimate was at hand: the rules then offer the test as a precaution
 * (reason `no-data`) rather than guess. A figure from another source than its indicator's carries
 * that source in `sources`.
 */
import type { CountryFigures, PrevalenceTable, Provenance } from './programme.ts';

type Figure = number | undefined;
type Sources = CountryFigures['sources'];

/** One row: name, TB incidence per 100k, HIV %, HBsAg %, anti-HCV %. */
function row(
  name: string,
  tb: Figure,
  hiv: Figure,
  hbsag: Figure,
  hcv: Figure,
  sources?: Sources,
): CountryFigures {
  const figures: CountryFigures = { name };
  if (tb !== undefined) figures['tb-incidence-per-100k'] = tb;
  if (hiv !== undefined) figures['hiv-prevalence-pct'] = hiv;
  if (hbsag !== undefined) figures['hbsag-prevalence-pct'] = hbsag;
  if (hcv !== undefined) figures['anti-hcv-prevalence-pct'] = hcv;
  if (sources) figures.sources = sources;
  return figures;
}

const _ = undefined;
const hepatitis = (source: string, year: number): Sources => {
  const p: Provenance = { source, year };
  return { 'hbsag-prevalence-pct': p, 'anti-hcv-prevalence-pct': p };
};
const hbsagOnly = (source: string, year: number): Sources => ({ 'hbsag-prevalence-pct': { source, year } });
const HOGAN_2023 = hbsagOnly(
  'Hogan S et al. PLoS ONE 2023;18:e0295670, meta-analysis of studies after 2010',
  2023,
);

// UNAIDS reports "<0.1%" for many countries; those are stored as 0.1, the bound.
const COUNTRIES: Record<string, CountryFigures> = {
  // Frequent origins of asylum applicants and arrivals (population.md)
  SY: row('Syria', 19, _, 5.6, 3.0),
  AF: row('Afghanistan', 185, 0.1, 2.3, 1.1),
  VE: row('Venezuela', 47, 0.5, 0.6, 0.5),
  CO: row('Colombia', 41, 0.5, 0.9, 0.8),
  TR: row('Türkiye', 16, _, 4.0, 1.0),
  IQ: row('Iraq', 25, _, 1.3, 0.4),
  PK: row(
    'Pakistan',
    258,
    0.2,
    2.5,
    4.8,
    hepatitis('Qureshi H et al. East Mediterr Health J 2010;16 Suppl:S15–23, national survey 2007–08', 2010),
  ),
  BD: row('Bangladesh', 221, 0.1, 5.0, 0.6, HOGAN_2023),
  NG: row(
    'Nigeria',
    219,
    1.3,
    8.1,
    1.1,
    hepatitis('Nigeria HIV/AIDS Indicator and Impact Survey (NAIIS) 2018', 2018),
  ),
  ER: row('Eritrea', 65, 0.6, 3.1, 1.0),
  SO: row('Somalia', 246, 0.1, 12.4, 1.0),
  GN: row('Guinea', 175, 1.3, 16.0, 1.5),
  ML: row('Mali', 50, 0.8, 9.0, 3.3),
  CI: row("Côte d'Ivoire", 118, 1.9, 9.4, 2.2),
  SN: row('Senegal', 113, 0.3, 11.0, 1.0),
  MA: row('Morocco', 94, 0.1, 1.7, 1.6, hepatitis('Baha W et al. BMC Public Health 2013;13:50', 2013)),
  TN: row('Tunisia', 36, 0.1, 1.7, 0.9),
  EG: row('Egypt', 10, 0.1, 1.0, 10.0, hepatitis('Egypt Health Issues Survey 2015, ages 15–59', 2015)),
  IR: row('Iran', 13, 0.1, 2.2, 0.5),
  GE: row('Georgia', 70, 0.4, 2.9, 7.7, hepatitis('Georgia national hepatitis serosurvey 2015', 2015)),
  UA: row('Ukraine', 71, 1.0, 1.5, 3.6, hepatitis('Ukraine national hepatitis serosurvey 2015', 2015)),

  // Horn of Africa, Central and West Africa
  SD: row('Sudan', 63, 0.1, 6.8, 2.2),
  SS: row('South Sudan', 227, 2.0, 22.4, _),
  CD: row('DR Congo', 317, 0.7, 4.7, 4.3),
  CM: row('Cameroon', 164, 2.7, 10.6, 4.9),
  ET: row(
    'Ethiopia',
    126,
    0.8,
    7.4,
    _,
    hbsagOnly('Belyhun Y et al. BMC Infect Dis 2016;16:761, meta-analysis', 2016),
  ),
  TD: row('Chad', 140, 1.1, 12.3, _),
  NE: row('Niger', 79, 0.2, 15.5, _),
  BF: row('Burkina Faso', 45, 0.5, 11.2, 3.6),
  GM: row('Gambia', 145, 1.5, 12.0, _),
  SL: row('Sierra Leone', 289, 1.5, 12.0, _),
  LR: row('Liberia', 300, 0.9, 17.6, _),
  GH: row(
    'Ghana',
    136,
    1.6,
    12.3,
    3.0,
    hbsagOnly('Ofori-Asenso R, Agyeman AA. BMC Infect Dis 2016;16:130', 2016),
  ),

  // East and Southern Africa
  KE: row('Kenya', 237, 3.3, 3.5, _),
  TZ: row('Tanzania', 195, 4.4, 7.2, _),
  UG: row('Uganda', 198, 5.1, 4.1, _),
  AO: row('Angola', 333, 1.7, 8.0, _),
  MZ: row('Mozambique', 361, 11.5, 8.3, _),
  ZA: row('South Africa', 468, 17.8, 6.7, _),
  ZM: row('Zambia', 295, 10.8, 6.1, _),
  MG: row('Madagascar', 233, 0.3, 6.9, _),

  // Middle East and North Africa
  YE: row('Yemen', 48, 0.1, 8.0, _),
  LY: row('Libya', 59, _, 2.2, 1.2),
  DZ: row('Algeria', 51, 0.1, 1.6, 0.5),
  PS: row('Palestine', 1, _, 1.4, 0.2),
  LB: row('Lebanon', 9, 0.1, 1.5, 0.2),
  JO: row('Jordan', 4, 0.1, 2.4, 0.4),

  // Asia
  VN: row('Viet Nam', 176, 0.3, 10.5, 1.0),
  IN: row('India', 199, 0.2, 3.0, 0.8, HOGAN_2023),
  NP: row('Nepal', 229, 0.1, 1.0, 0.5, HOGAN_2023),
  LK: row('Sri Lanka', 64, 0.1, 0.5, 0.1),
  MM: row('Myanmar', 475, 0.6, 6.5, _),
  PH: row('Philippines', 638, 0.1, 16.7, _),
  ID: row('Indonesia', 385, 0.4, 7.1, _),
  CN: row('China', 52, _, 6.1, _),
  TH: row('Thailand', 155, 1.0, 4.5, _),

  // Americas
  HT: row('Haiti', 160, 1.7, 13.6, 0.6),
  PE: row('Peru', 127, 0.3, 2.1, 0.5),
  EC: row('Ecuador', 50, 0.4, 0.6, 0.5),
  BR: row('Brazil', 49, 0.6, 0.7, _),

  // Europe and Central Asia
  AL: row('Albania', 15, 0.1, 7.8, 1.0),
  XK: row('Kosovo', 22, _, 1.9, 0.5, {
    'tb-incidence-per-100k': {
      source:
        'ECDC/WHO Regional Office for Europe, Tuberculosis surveillance and monitoring in Europe 2024, notification rate',
      year: 2024,
    },
    ...hepatitis('Quaglio G et al. Epidemiol Infect 2008;136:314–21', 2008),
  }),
  RU: row('Russia', 39, _, 1.5, 4.1),
  MD: row('Moldova', 73, 0.7, 6.8, 4.5),
  BY: row('Belarus', 26, 0.5, 1.3, 1.0),
  KZ: row('Kazakhstan', 66, 0.3, 3.8, 3.3),
  UZ: row('Uzbekistan', 62, 0.2, 6.9, 6.5),
  TJ: row('Tajikistan', 82, 0.2, 5.5, 3.0),
  KG: row('Kyrgyzstan', 107, 0.2, 3.5, 3.0),
  TM: row('Turkmenistan', 44, _, _, _),
};

// Sub-Saharan Africa: both infections are endemic throughout (ECDC 2018).
const SUB_SAHARAN_AFRICA =
  'AO BF BI BJ BW CD CF CG CI CM ER ET GA GH GM GN GQ GW KE LR MG ML MR MW MZ NA NE NG RW SD SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW';

export const ECDC_2018_TABLE: PrevalenceTable = {
  id: 'passage-default-2024',
  name: 'Passage default country table for the ECDC 2018 screening guidance',
  source:
    'Compiled for Passage from WHO, UNAIDS and published hepatitis prevalence estimates; thresholds from ECDC, ' +
    'Public health guidance on screening and vaccination for infectious diseases in newly arrived migrants ' +
    'within the EU/EEA (2018)',
  year: 2024,
  publisher: 'Passage',
  notes:
    'Figures were transcribed from the sources named per indicator and per country; several could not be ' +
    'checked against the source here. Verify against the primary source, or load a national table, before ' +
    'clinical use.',
  indicators: {
    'tb-incidence-per-100k': {
      source: 'WHO Global Tuberculosis Report 2023, estimated incidence in 2022',
      year: 2023,
      unit: 'per 100,000 per year',
    },
    'hiv-prevalence-pct': {
      source: 'UNAIDS 2023 estimates for 2022, adults aged 15–49',
      year: 2023,
      unit: '%',
    },
    'hbsag-prevalence-pct': {
      source: 'Schweitzer A et al. Lancet 2015;386:1546–55, studies 1965–2013',
      year: 2015,
      unit: '%',
    },
    'anti-hcv-prevalence-pct': {
      source: 'Gower E et al. J Hepatol 2014;61(1 Suppl):S45–57',
      year: 2014,
      unit: '%',
    },
  },
  countries: COUNTRIES,
  endemic: {
    schistosomiasis: {
      source:
        'WHO Global Health Observatory, schistosomiasis endemicity; ECDC 2018, sub-Saharan Africa and focal areas',
      year: 2023,
      // Focal areas: Egypt, Libya, Algeria, Yemen; Brazil, Venezuela, Suriname; China, Philippines,
      // Indonesia, Laos, Cambodia. Morocco and Tunisia have interrupted transmission.
      countries: [
        ...SUB_SAHARAN_AFRICA.split(' '),
        'EG',
        'LY',
        'DZ',
        'YE',
        'BR',
        'VE',
        'SR',
        'CN',
        'PH',
        'ID',
        'LA',
        'KH',
      ],
    },
    strongyloidiasis: {
      source: 'Buonfrate D et al. Pathogens 2020;9:468; ECDC 2018, endemic regions',
      year: 2020,
      // Africa, the Middle East, South and South-East Asia, Latin America; not Europe or Central Asia.
      countries: [
        ...SUB_SAHARAN_AFRICA.split(' '),
        ...'EG LY DZ MA TN SY IQ IR JO LB PS YE AF PK BD IN NP LK VN MM PH ID CN TH LA KH'.split(' '),
        ...'VE CO PE EC HT BR BO PY SR GY GT HN NI SV MX DO CU'.split(' '),
        ...'PG SB VU FJ'.split(' '),
      ],
    },
  },
};
