import { PASSWORD_MIN_LENGTH } from '@lotline/contracts';
import { AppError } from '../common/all-exceptions.filter';

/** Long passwords that still top breach lists (only entries of 12+ characters matter, shorter ones fail on length). */
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '111111111111', '000000000000', '123123123123', 'abcdefghijkl',
  'abc123456789', 'password1234', 'password12345', 'password123!', 'passwordpassword', 'password1234567', 'qwertyuiop12',
  'qwerty123456', 'qwertyuiopas', 'qwertyqwerty', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3', 'iloveyou1234',
  'letmein12345', 'welcome12345', 'welcome123456', 'changeme1234', 'administrator', 'admin1234567', 'admin123456789',
  'football1234', 'baseball1234', 'sunshine1234', 'princess1234', 'superman1234', 'trustno11234', 'monkey123456',
  'dragon123456', 'master123456', 'qazwsxedcrfv', 'asdfghjkl123', 'asdfasdfasdf', 'p@ssw0rd1234', 'passw0rd1234',
  'lotline12345', 'lotlinelotline', 'bitcoin12345', 'bitcoinbitcoin', 'cryptocrypto', 'taxes1234567',
]);

/** Why a new password is refused, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'password is too common; choose another';
  if (new Set(lower).size <= 2) return 'password is too simple; choose another';
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'password must not contain your email address';
  return null;
}

export function assertPasswordAcceptable(password: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, 400, [{ field: 'password', message: problem }]);
}
