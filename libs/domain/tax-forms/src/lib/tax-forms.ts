export function taxForms(): string {
  return 'tax-forms';
}
