/**
 * Every person gets a Passage identifier when registered (the number on their card). The server
 * assigns it, so it is unique and well-formed; one sent by a client (a record moved from another
 * Passage node, say) must pass its check symbol and belong to no one else.
 */
import { sql, type Kysely } from 'kysely';
import type { Identifier, Patient } from '@medplum/fhirtypes';
import { newPassageId, PassageError, parsePassageId, PASSAGE_ID_SYSTEM, unprocessable } from '@passage/core';
import type { Database } from '../db/schema.ts';
import type { WriteOp } from '../fhir/store/repository.ts';

const MAX_ATTEMPTS = 5;

async function taken(db: Kysely<Database>, values: readonly string[]): Promise<Map<string, string>> {
  if (values.length === 0) return new Map();
  const rows = await sql<{ id: string; value: string }>`SELECT id, value FROM search_token
    WHERE type = 'Patient' AND code = 'identifier' AND system = ${PASSAGE_ID_SYSTEM}
    AND value = ANY(${values}::text[])`.execute(db);
  return new Map(rows.rows.map((r) => [r.value, r.id]));
}

/** The ops with a Passage identifier on every Patient, checked and unique; throws 422/409 otherwise. */
export async function withPassageIds(db: Kysely<Database>, ops: readonly WriteOp[]): Promise<WriteOp[]> {
  const out = [...ops];
  const supplied: { index: number; value: string; patientId: string }[] = [];
  const needing: number[] = [];
  for (const [index, op] of ops.entries()) {
    if (op.method === 'DELETE' || op.resource.resourceType !== 'Patient') continue;
    const patient = op.resource as Patient;
    const own = (patient.identifier ?? []).filter((i) => i.system === PASSAGE_ID_SYSTEM);
    if (own.length > 1) {
      throw unprocessable('A person has one Passage identifier', [
        {
          expression: 'Patient.identifier',
          message: 'more than one Passage identifier',
          type: 'business-rule',
        },
      ]);
    }
    const first = own[0];
    if (first) {
      const parsed = parsePassageId(first.value ?? '');
      if (!parsed.ok || parsed.id !== first.value) {
        throw unprocessable(
          `Patient.identifier: '${first.value ?? ''}' is not a Passage identifier (${parsed.ok ? 'write it as ' + parsed.id : parsed.message})`,
          [
            {
              expression: 'Patient.identifier',
              message: parsed.ok ? `write it as ${parsed.id}` : parsed.message,
              type: 'value',
            },
          ],
        );
      }
      supplied.push({ index, value: first.value as string, patientId: patient.id as string });
    } else if (op.method === 'POST') {
      needing.push(index);
    }
  }
  const holders = await taken(
    db,
    supplied.map((s) => s.value),
  );
  for (const s of supplied) {
    const holder = holders.get(s.value);
    if (holder && holder !== s.patientId) {
      throw new PassageError(
        409,
        'conflict',
        `Passage identifier ${s.value} already belongs to another person`,
        [{ expression: 'Patient.identifier', message: 'already in use' }],
      );
    }
  }
  for (let attempt = 0; needing.length > 0 && attempt < MAX_ATTEMPTS; attempt++) {
    const proposals = needing.map(() => newPassageId());
    const used = await taken(db, proposals);
    for (let i = needing.length - 1; i >= 0; i--) {
      const value = proposals[i] as string;
      if (used.has(value) || proposals.indexOf(value) !== i) continue;
      const index = needing[i] as number;
      const op = out[index] as Extract<WriteOp, { method: 'POST' }>;
      const identifier: Identifier = {
        use: 'official',
        system: PASSAGE_ID_SYSTEM,
        value,
        type: { text: 'Passage identifier' },
      };
      const patient = op.resource as Patient & { resourceType: 'Patient' };
      out[index] = {
        ...op,
        resource: { ...patient, identifier: [identifier, ...(patient.identifier ?? [])] },
      };
      needing.splice(i, 1);
    }
  }
  if (needing.length > 0)
    throw new PassageError(503, 'unavailable', 'Could not assign a Passage identifier: try again');
  return out;
}
