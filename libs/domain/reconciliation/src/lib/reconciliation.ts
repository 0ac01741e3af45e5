export function reconciliation(): string {
  return 'reconciliation';
}
