import { Injectable, computed, signal } from '@angular/core';
import type { Role } from '@lotline/contracts';

export interface SessionUser {
  readonly id: string;
  readonly displayName: string;
  readonly role: Role;
  readonly firmName: string;
}

/** The signed-in user, if any. Sign-in itself arrives with the accounts feature; the shell already reacts to it. */
@Injectable({ providedIn: 'root' })
export class SessionService {
  readonly user = signal<SessionUser | null>(null);
  readonly signedIn = computed(() => this.user() !== null);
}
