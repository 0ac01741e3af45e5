import type { HeaderIndex } from '../sources/source-format';

const WHITESPACE = /\s+/g;

export function normaliseHeaderName(raw: string): string {
  return raw.replace(/^\uFEFF/, '').trim().toLowerCase().replace(WHITESPACE, ' ');
}

export function buildHeaderIndex(fields: readonly string[]): HeaderIndex {
  const names = fields.map(normaliseHeaderName);
  const positions = new Map<string, number>();
  names.forEach((name, i) => {
    if (name !== '' && !positions.has(name)) positions.set(name, i);
  });
  return {
    names,
    raw: fields.map((f) => f.trim()),
    indexOf: (name: string) => positions.get(name) ?? -1,
  };
}
