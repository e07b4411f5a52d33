import { api } from '../api/client';

export interface IndicatorRow {
  site: string;
  sex: string;
  ageGroup: string;
  /** null when the cell is below the suppression threshold (small numbers could identify people). */
  count: number | null;
}

export interface IndicatorSummary {
  generatedAt: string;
  suppressedBelow: number;
  rows: IndicatorRow[];
}

export const fetchIndicatorSummary = (signal?: AbortSignal) =>
  api<IndicatorSummary>('/api/indicators/summary', { signal });
