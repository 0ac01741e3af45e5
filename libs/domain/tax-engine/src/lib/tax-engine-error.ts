export type TaxEngineErrorCode = 'invalid-time-zone' | 'invalid-timestamp';

/** Input the engine cannot compute on at all (everything else becomes a warning). */
export class TaxEngineError extends Error {
  constructor(
    readonly code: TaxEngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaxEngineError';
  }
}
