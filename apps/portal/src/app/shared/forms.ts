import { AbstractControl, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { PASSWORD_MIN_LENGTH } from '@lotline/contracts';

export const passwordValidators: ValidatorFn[] = [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(256)];

/** For a group with `password` and `confirm` controls. */
export const passwordsMatch: ValidatorFn = (group: AbstractControl): ValidationErrors | null =>
  group.get('password')?.value === group.get('confirm')?.value ? null : { mismatch: true };

/** Where to go after sign-in: a same-site path only (no open redirect). */
export function safeReturnUrl(url: string | null | undefined): string | null {
  return url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/sign-in') ? url : null;
}
