import { HttpContext, HttpContextToken } from '@angular/common/http';

/** The call handles its own failure: the error interceptor shows no notice for it. */
export const SILENT_ERRORS = new HttpContextToken<boolean>(() => false);

export function silent(): HttpContext {
  return new HttpContext().set(SILENT_ERRORS, true);
}
