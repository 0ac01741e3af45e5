import { Injectable, signal } from '@angular/core';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** Messages shown in the shell's notice area (errors from anywhere, confirmations). */
@Injectable({ providedIn: 'root' })
export class NotificationsService {
  private nextId = 1;
  readonly notices = signal<readonly Notice[]>([]);

  error(text: string): void {
    this.push('error', text);
  }

  info(text: string): void {
    this.push('info', text);
  }

  dismiss(id: number): void {
    this.notices.update((all) => all.filter((n) => n.id !== id));
  }

  private push(kind: Notice['kind'], text: string): void {
    const id = this.nextId++;
    this.notices.update((all) => [...all.slice(-4), { id, kind, text }]);
  }
}
