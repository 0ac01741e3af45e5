export function taxEngine(): string {
  return 'tax-engine';
}
