import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, output, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { RecomputeStatusView } from '@lotline/contracts';
import { Subscription, timer } from 'rxjs';
import { RECOMPUTE_IDLE_POLL_MS, ReconciliationService } from '../../data/reconciliation.service';
import { RECOMPUTE_LABELS } from './warning-labels';

/**
 * The numbers of a client recompute as a job after every change: this shows the job's state, follows it (polling
 * with backoff) after `follow()` and emits `settled` once it is done, so the page can refresh its numbers.
 */
@Component({
  selector: 'll-recompute-status',
  imports: [DatePipe, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (status(); as s) {
      <div class="status" role="status" data-testid="recompute-status" [attr.data-state]="s.state">
        <span>{{ labels[s.state] }}</span>
        @if (s.lastComputedAt && s.state === 'done') { <span class="sub">(computed {{ s.lastComputedAt | date: 'short' }})</span> }
        @if (s.state === 'failed' && s.lastError) { <span class="error">{{ s.lastError }}</span> }
        @if (canRequest() && s.state !== 'queued' && s.state !== 'running') {
          <button mat-button type="button" (click)="request()" [disabled]="requesting()">Recalculate now</button>
        }
      </div>
      @if (s.state === 'queued' || s.state === 'running') { <mat-progress-bar mode="indeterminate" aria-label="Recalculating" /> }
    } @else if (error()) {
      <p role="alert">The calculation status could not be loaded.</p>
    }
  `,
  styles: `
    .status { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 12px; }
    .error { color: var(--mat-sys-error); }
  `,
})
export class RecomputeStatusComponent {
  private readonly recon = inject(ReconciliationService);
  readonly clientId = input.required<string>();
  /** Staff may ask for a recalculation (e.g. after a failed one); the API checks it again. */
  readonly canRequest = input(false);
  /** The job finished (done or failed) after it was followed. */
  readonly settled = output<RecomputeStatusView>();
  readonly status = signal<RecomputeStatusView | null>(null);
  protected readonly error = signal(false);
  protected readonly requesting = signal(false);
  protected readonly labels = RECOMPUTE_LABELS;
  private watching: Subscription | null = null;
  private idle: Subscription | null = null;

  constructor() {
    // Unsubscribing (not completing) on destroy: no `settled` after the page is gone.
    inject(DestroyRef).onDestroy(() => {
      this.watching?.unsubscribe();
      this.idle?.unsubscribe();
    });
    effect(() => {
      this.clientId();
      untracked(() => this.follow(false));
    });
  }

  /**
   * Asks for the state now and keeps asking, with a growing wait, until the job settles; emits `settled` then when
   * asked to (after a change made here) or when a job was seen queued or running (a change made elsewhere, e.g. an import).
   */
  follow(announce = true): void {
    this.watching?.unsubscribe();
    this.idle?.unsubscribe();
    this.error.set(false);
    const seen = announce ? (this.status()?.lastComputedAt ?? null) : undefined;
    let sawJob = false;
    this.watching = this.recon.watchRecompute(this.clientId(), seen).subscribe({
      next: (s) => {
        if (s.state === 'queued' || s.state === 'running') sawJob = true;
        this.status.set(s);
      },
      complete: () => {
        const s = this.status();
        if ((announce || sawJob) && s) this.settled.emit(s);
        // Changes made elsewhere (an upload on this page, a client's answer, a colleague) start jobs too: look again
        // now and then while the page is open.
        this.idle = timer(RECOMPUTE_IDLE_POLL_MS).subscribe(() => this.follow(false));
      },
      error: () => this.error.set(true),
    });
  }

  protected request(): void {
    this.requesting.set(true);
    this.recon.recompute(this.clientId()).subscribe({
      next: (s) => {
        this.requesting.set(false);
        this.status.set(s);
        this.follow();
      },
      error: () => this.requesting.set(false),
    });
  }
}
