import { InvalidArgumentError } from 'commander';
import type { LotMethod, ScopeMode, TaxYearSettings } from '@lotline/tax-engine';

/** `--method`: one method for every year, or `2020:fifo,2021:lifo` (each from its year on; earlier years use the first). */
export interface MethodPlan {
  readonly first: LotMethod;
  readonly changes: readonly { readonly year: number; readonly method: LotMethod }[];
}

const METHODS: readonly LotMethod[] = ['fifo', 'lifo', 'hifo'];
const isMethod = (m: string): m is LotMethod => (METHODS as readonly string[]).includes(m);

export function parseMethod(value: string): MethodPlan {
  const text = value.trim().toLowerCase();
  if (isMethod(text)) return { first: text, changes: [] };
  const changes: { year: number; method: LotMethod }[] = [];
  for (const part of text.split(',')) {
    const m = /^(\d{4}):([a-z]+)$/.exec(part.trim());
    if (m === null || !isMethod(m[2])) throw new InvalidArgumentError(`"${part}" is not fifo, lifo, hifo or YEAR:method (e.g. 2020:fifo,2021:lifo)`);
    const year = Number(m[1]);
    if (changes.length > 0 && year <= changes[changes.length - 1].year) throw new InvalidArgumentError('list the years in increasing order, each once');
    changes.push({ year, method: m[2] });
  }
  return { first: changes[0].method, changes };
}

/** Engine per-year settings from the plan: every year from the first listed one up to `lastYear`. */
export function yearSettings(plan: MethodPlan, lastYear: number): Record<string, TaxYearSettings> {
  const years: Record<string, TaxYearSettings> = {};
  if (plan.changes.length === 0) return years;
  let method = plan.first;
  let k = 0;
  const end = Math.max(lastYear, plan.changes[plan.changes.length - 1].year);
  for (let y = plan.changes[0].year; y <= end; y++) {
    while (k < plan.changes.length && plan.changes[k].year <= y) method = plan.changes[k++].method;
    years[String(y)] = { method };
  }
  return years;
}

export function methodForYear(plan: MethodPlan, year: number): LotMethod {
  let method = plan.first;
  for (const c of plan.changes) if (c.year <= year) method = c.method;
  return method;
}

export type ScopeOption = 'universal' | 'per-account' | 'auto';

export function engineScope(scope: ScopeOption): ScopeMode {
  return scope === 'auto' ? 'rev-proc-2024-28' : scope;
}

export function parseTimeZone(value: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
  } catch {
    throw new InvalidArgumentError(`"${value}" is not an IANA time zone (e.g. America/New_York, UTC)`);
  }
  return value;
}

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value) || Number(value) < 2009 || Number(value) > 2100) throw new InvalidArgumentError('a four-digit tax year, e.g. 2025');
  return Number(value);
}
