/** The identity service: possible duplicates to review, merges and their undoing, register scans. */
import type { Patient } from '@medplum/fhirtypes';
import { ApiError, api } from '../api/client';

export type CandidateGrade = 'certain' | 'probable' | 'possible';

/** One field's part in a pair's score: its contribution (weight) and why. */
export interface FieldReason {
  field: string;
  score: number;
  /** What the matcher saw, with the values compared (English). */
  note: string;
  /** The agreement level (core identity/fields.ts), when the server gives it: shown translated. */
  level?: string;
}

export interface Candidate {
  id: string;
  /** Match score; a probability (0–1). */
  score: number;
  grade: CandidateGrade;
  fields: FieldReason[];
  a: Patient;
  b: Patient;
  status: 'pending' | 'merged' | 'dismissed';
  foundAt: string;
  /** For a merged pair, the merge to undo. */
  mergeId?: string;
}

export interface CandidatePage {
  items: Candidate[];
  total: number;
}

export interface MergeResult {
  mergeId: string;
  survivorId: string;
  duplicateId: string;
  /** References (`Type/id`) of what moved from the duplicate to the survivor. */
  moved: string[];
}

/** A merge as listed for a record: enough to offer its undoing. */
export interface MergeSummary {
  mergeId: string;
  survivorId: string;
  duplicateId: string;
  mergedAt?: string;
  undoneAt?: string | null;
}

export interface ScanStatus {
  scanId: string;
  status: 'running' | 'done' | 'failed';
  /** What a running scan is doing: keying the register, reading it, or comparing people. */
  phase?: 'keying' | 'loading' | 'comparing';
  processed: number;
  total: number;
  found: number;
  startedAt: string;
  finishedAt?: string;
  /** Why a failed scan stopped. */
  error?: string;
}

export const CANDIDATES_PER_PAGE = 20;

export const fetchCandidates = (offset: number, signal?: AbortSignal) =>
  api<CandidatePage>('/api/identity/candidates', {
    query: { status: 'pending', limit: CANDIDATES_PER_PAGE, offset },
    signal,
  });

export const dismissCandidate = (id: string) =>
  api<void>(`/api/identity/candidates/${encodeURIComponent(id)}/dismiss`, { method: 'POST' });

export const mergeRecords = (survivorId: string, duplicateId: string, candidateId?: string) =>
  api<MergeResult>('/api/identity/merges', {
    method: 'POST',
    body: { survivorId, duplicateId, ...(candidateId ? { candidateId } : {}) },
  });

/**
 * The merges (not undone) a record took part in, to offer undoing them from the record. Until the
 * server lists merges by person, they are read from the merged pairs of the review queue.
 */
export async function fetchMergesOf(patientId: string, signal?: AbortSignal): Promise<MergeSummary[]> {
  try {
    const { items } = await api<{ items: MergeSummary[] }>('/api/identity/merges', {
      query: { patientId },
      signal,
    });
    return items.filter((m) => !m.undoneAt);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
  }
  const found: MergeSummary[] = [];
  for (let offset = 0, total = 1; offset < total && offset < 500; offset += 100) {
    const page = await api<CandidatePage>('/api/identity/candidates', {
      query: { status: 'merged', limit: 100, offset },
      signal,
    });
    total = page.total;
    for (const c of page.items) {
      const ids = [c.a.id, c.b.id];
      if (!c.mergeId || !ids.includes(patientId)) continue;
      // Which of the two survived is read from the links: the survivor `replaces` the other.
      const survivorA = (c.a.link ?? []).some(
        (l) => l.type === 'replaces' && l.other.reference === `Patient/${c.b.id}`,
      );
      const [survivor, duplicate] = survivorA ? [c.a, c.b] : [c.b, c.a];
      found.push({ mergeId: c.mergeId, survivorId: survivor.id ?? '', duplicateId: duplicate.id ?? '' });
    }
  }
  return found;
}

export const undoMerge = (mergeId: string) =>
  api<unknown>(`/api/identity/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' });

export const startScan = () => api<{ scanId: string }>('/api/identity/scans', { method: 'POST' });

export const fetchScan = (scanId: string, signal?: AbortSignal) =>
  api<ScanStatus>(`/api/identity/scans/${encodeURIComponent(scanId)}`, { signal });
