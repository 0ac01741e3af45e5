/**
 * Header-based format detection. Each format lists header variants (required + optional columns); a row scores by
 * how many required columns it has (recall) and how many of its columns the format knows (precision). A row is a
 * header of a format when every required column of one of its variants is present.
 */
import type { FormatId } from '../model/import-types';
import type { SourceFormat } from '../sources/source-format';
import { normaliseHeaderName } from './header-index';

export interface HeaderScore {
  readonly format: FormatId;
  /** 0..1. At least MATCH_THRESHOLD only when all required columns of a variant are present. */
  readonly score: number;
  /** Required columns missing from the best variant (empty for a match). */
  readonly missing: readonly string[];
}

export const MATCH_THRESHOLD = 0.75;

function scoreFormat(format: SourceFormat, names: readonly string[], present: ReadonlySet<string>): HeaderScore {
  let best: HeaderScore = { format: format.id, score: 0, missing: [] };
  const nonEmpty = names.filter((n) => n !== '');
  for (const variant of format.headerVariants) {
    const missing = variant.required.filter((r) => !present.has(r));
    const recall = (variant.required.length - missing.length) / variant.required.length;
    const known = new Set<string>([...variant.required, ...(variant.optional ?? [])]);
    const knownCount = nonEmpty.filter((n) => known.has(n) || format.isKnownColumn?.(n) === true).length;
    const precision = nonEmpty.length === 0 ? 0 : knownCount / nonEmpty.length;
    const score = missing.length === 0 ? MATCH_THRESHOLD + (1 - MATCH_THRESHOLD) * precision : 0.7 * recall * Math.max(precision, 0.1);
    if (score > best.score || (best.score === 0 && best.missing.length === 0)) best = { format: format.id, score, missing };
  }
  return best;
}

/** Scores a candidate header row against every format, best first. */
export function scoreHeaderRow(fields: readonly string[], formats: readonly SourceFormat[]): HeaderScore[] {
  const names = fields.map(normaliseHeaderName);
  const present = new Set(names);
  return formats
    .map((f) => scoreFormat(f, names, present))
    .sort((a, b) => b.score - a.score || a.format.localeCompare(b.format));
}

export function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}
