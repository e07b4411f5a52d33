import type { IndicatorSummary } from '@passage/core';
import { api } from '../api/client';

/** One cell of the summary; count is null below the suppression threshold (small numbers could identify people). */
export type IndicatorRow = IndicatorSummary['rows'][number];

export const fetchIndicatorSummary = (signal?: AbortSignal) =>
  api<IndicatorSummary>('/api/indicators/summary', { signal });
