import { HttpErrorResponse } from '@angular/common/http';
import { describeError } from './api-error';

describe('describeError', () => {
  it('uses the API message from the stable error body', () => {
    const e = new HttpErrorResponse({ status: 404, error: { code: 'NOT_FOUND', message: 'Client not found', correlationId: 'c1' } });
    expect(describeError(e)).toBe('Client not found');
  });
  it('explains an unreachable server', () => {
    expect(describeError(new HttpErrorResponse({ status: 0 }))).toMatch(/cannot be reached/);
  });
  it('falls back to the status for a body without a message', () => {
    expect(describeError(new HttpErrorResponse({ status: 502, error: 'Bad gateway' }))).toBe('The request failed (502).');
  });
  it('describes non-HTTP errors generically', () => {
    expect(describeError(new TypeError('x is undefined'))).toMatch(/Reload the page/);
  });
});
