/**
 * The parts of the server and core the identity benchmark needs that their packages do not export:
 * the repository's write path, the system access context, the identity key scheme and the duplicate
 * generator. Loaded at run time from the packages' own sources (as the bench's setup runs the CLI),
 * with the few types the benchmark relies on declared here.
 */
import type { Patient } from '@medplum/fhirtypes';
import type { Db } from '@passage/server';

const serverSrc = import.meta.resolve('@passage/server');
const coreSrc = import.meta.resolve('@passage/core');

/** A record with its true person (core demo/duplicates.ts LinkageRecord). */
export interface GeneratedRecord {
  id: string;
  personId: string;
  patient: Patient;
  variations: string[];
}

export type GenerateDuplicates = (options: { count: number; seed: number }) => GeneratedRecord[];

export interface Repository {
  writeAll(ctx: unknown, ops: readonly { method: 'POST'; resource: Patient }[]): Promise<unknown[]>;
}

export interface Internals {
  newRepository(db: Db): Repository;
  systemContext(): unknown;
  /** The server's blocking-key scheme: stored keys of another scheme are stale. */
  keyScheme: string;
  generateDuplicates: GenerateDuplicates;
}

async function load<T>(base: string, path: string): Promise<T> {
  return (await import(new URL(path, base).href)) as T;
}

export async function internals(): Promise<Internals> {
  const [repository, access, matcher, duplicates] = await Promise.all([
    load<{ FhirRepository: new (db: Db) => Repository }>(serverSrc, './fhir/store/repository.ts'),
    load<{ systemContext(): unknown }>(serverSrc, './access/access-context.ts'),
    load<{ KEY_SCHEME: string }>(serverSrc, './identity/matcher.ts'),
    load<{ generateDuplicates: GenerateDuplicates }>(coreSrc, './demo/duplicates.ts'),
  ]);
  return {
    newRepository: (db) => new repository.FhirRepository(db),
    systemContext: access.systemContext,
    keyScheme: matcher.KEY_SCHEME,
    generateDuplicates: duplicates.generateDuplicates,
  };
}
