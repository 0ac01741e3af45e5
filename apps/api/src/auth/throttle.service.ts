import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '../common/all-exceptions.filter';
import { CLOCK, type Clock } from '../common/clock';
import { RUNTIME, type Runtime } from '../common/runtime';
import { AuthRepository } from './auth.repository';

export interface ThrottleKeys {
  readonly account: string;
  readonly ip: string | null;
}

/** The longest "slow down" wait between attempts before the lock. */
const MAX_DELAY_SECONDS = 300;

/**
 * Sign-in throttling in PostgreSQL (works across processes). Per account key (a hash of the typed email, whether or
 * not such an account exists, so the answers never reveal existence): after `slowAfter` failures each attempt must
 * wait 2^(n - slowAfter) seconds after the previous failure; at `lockAfter` failures the key is locked for
 * `lockMinutes`. Per IP: locked at `ipLockAfter` failures. Refused attempts are not counted. Success clears the
 * account key (not the IP key).
 */
@Injectable()
export class ThrottleService {
  constructor(
    private readonly repo: AuthRepository,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  keys(email: string, ip: string | null): ThrottleKeys {
    return { account: `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`, ip: ip ? `ip:${ip}` : null };
  }

  async assertAllowed(keys: ThrottleKeys): Promise<void> {
    const cfg = this.runtime.config.auth;
    const now = this.clock().getTime();
    for (const row of await this.repo.throttleRows([keys.account, ...(keys.ip ? [keys.ip] : [])])) {
      if (row.lockedUntil && row.lockedUntil.getTime() > now) throw tooMany();
      if (row.key === keys.account && row.failures >= cfg.slowAfter) {
        const delay = Math.min(2 ** (row.failures - cfg.slowAfter), MAX_DELAY_SECONDS) * 1000;
        const stale = row.lastFailureAt.getTime() < now - cfg.lockMinutes * 60_000;
        if (!stale && now < row.lastFailureAt.getTime() + delay) throw tooMany();
      }
    }
  }

  async recordFailure(keys: ThrottleKeys): Promise<void> {
    const cfg = this.runtime.config.auth;
    const at = this.clock();
    await this.repo.recordFailure(keys.account, at, cfg.lockMinutes, cfg.lockAfter);
    if (keys.ip) await this.repo.recordFailure(keys.ip, at, cfg.lockMinutes, cfg.ipLockAfter);
  }

  /**
   * Firm sign-ups per IP (each one costs an argon2 hash and creates a firm): at most SIGN_UPS_PER_IP (default 20) per
   * `lockMinutes` window, successful or not.
   */
  async countSignUp(ip: string | null): Promise<void> {
    if (!ip) return;
    const key = `signup:${ip}`;
    const cfg = this.runtime.config.auth;
    const now = this.clock();
    const [row] = await this.repo.throttleRows([key]);
    if (row?.lockedUntil && row.lockedUntil.getTime() > now.getTime()) throw tooMany();
    await this.repo.recordFailure(key, now, cfg.lockMinutes, cfg.signUpsPerIp);
  }

  async recordSuccess(keys: ThrottleKeys): Promise<void> {
    await this.repo.clearThrottle(keys.account);
  }
}

const tooMany = () => new AppError('RATE_LIMITED', 'Too many attempts. Wait a moment and try again.', 429);
