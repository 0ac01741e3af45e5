export function importers(): string {
  return 'importers';
}
