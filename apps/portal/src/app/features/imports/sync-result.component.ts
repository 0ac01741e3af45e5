import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ImportBatchView } from '@lotline/contracts';
import { plural } from './import-labels';

/**
 * One exchange sync, like an upload: progress while it runs, then "N new, M already known", the records that could not
 * be read, or why it failed (the connection's last error; a failed sync stores nothing).
 */
@Component({
  selector: 'll-sync-result',
  imports: [DecimalPipe, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="result" aria-labelledby="sync-result-title" data-testid="sync-result">
      <h3 id="sync-result-title">{{ exchange() }} sync into {{ accountName() }}</h3>
      @let b = batch();
      @if (error(); as e) {
        <p class="failed" role="alert" data-testid="sync-outcome">The sync failed: {{ e }}</p>
        <p>Nothing from this sync was stored. Fix the problem (for example the key's permissions) and sync again.</p>
      } @else if (!b || b.status === 'queued') {
        <p data-testid="sync-progress" aria-live="polite">Waiting to start…</p>
        <mat-progress-bar mode="indeterminate" aria-label="Sync progress" />
      } @else if (b.status === 'running') {
        <p data-testid="sync-progress" aria-live="polite">Reading from {{ exchange() }}…</p>
        <mat-progress-bar mode="indeterminate" aria-label="Sync progress" />
      } @else if (b.status === 'succeeded') {
        <p class="ok" role="status" data-testid="sync-outcome">{{ newText() }}, {{ b.duplicatesSkipped | number }} already known</p>
        @if (b.issueCount > 0) {
          <p>{{ skippedText() }} could not be read and {{ b.issueCount === 1 ? 'was' : 'were' }} left out:</p>
          <ul>
            @for (i of b.issues; track $index) { <li data-testid="sync-issue">{{ i.message }}@if (i.value) { ({{ i.column }} {{ i.value }})}</li> }
          </ul>
        }
      } @else {
        <p class="failed" role="alert" data-testid="sync-outcome">The sync failed; nothing was stored.</p>
      }
    </section>
  `,
  styles: `
    .result { margin: 16px 0; padding: 12px 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; }
    h3 { margin-top: 0; }
    .ok { font-weight: 500; }
    .failed { font-weight: 500; color: var(--mat-sys-error); }
  `,
})
export class SyncResultComponent {
  /** The sync's import batch; null until the API has queued it. */
  readonly batch = input.required<ImportBatchView | null>();
  readonly exchange = input.required<string>();
  readonly accountName = input.required<string>();
  /** Why it failed (the connection's last error, or a refused request). */
  readonly error = input<string | null>(null);
  protected readonly newText = computed(() => plural(this.batch()?.eventsAdded ?? 0, 'new transaction', 'new transactions'));
  protected readonly skippedText = computed(() => plural(this.batch()?.issueCount ?? 0, 'record', 'records'));
}
