import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from '@lotline/authz';

export const CAN = 'lotline:can';
export const SIGNED_IN = 'lotline:signedIn';
export const ALLOW_PENDING_TWO_FACTOR = 'lotline:allowPending2fa';

/**
 * Route-level authorization: the signed-in user's ability (libs/shared/authz) must allow `action` on `subject`.
 * Record-level checks (firm scoping, assignment) happen again in the service, which answers 404 for foreign ids.
 */
export const Can = (action: Action, subject: SubjectName) => SetMetadata(CAN, [action, subject] as const);

/** Any signed-in user, whatever the role (their own account: me, password, 2FA). */
export const SignedIn = () => SetMetadata(SIGNED_IN, true);

/** Reachable while the firm requires 2FA and the staff member has not enrolled yet (me, 2FA enrolment). */
export const AllowPendingTwoFactor = () => SetMetadata(ALLOW_PENDING_TWO_FACTOR, true);
