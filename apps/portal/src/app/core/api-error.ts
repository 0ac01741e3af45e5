import { HttpErrorResponse } from '@angular/common/http';
import type { ErrorBody } from '@lotline/contracts';

/** A readable message for any failed call, from the API's stable error body when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ErrorBody> | null;
    if (body && typeof body.message === 'string') {
      return body.correlationId && body.code === 'INTERNAL' ? body.message : body.message;
    }
    if (error.status === 0) return 'Lotline cannot be reached. Check your connection and try again.';
    return `The request failed (${error.status}).`;
  }
  return 'Something went wrong in the portal. Reload the page and try again.';
}
