import { DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import type { ImportBatchView } from '@lotline/contracts';
import { GENERIC_TEMPLATE_URL, formatLabel, plural } from './import-labels';

/** One upload: progress while it runs, then "N new, M already imported", or every problem found in the file. */
@Component({
  selector: 'll-import-result',
  imports: [DecimalPipe, MatProgressBarModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let b = batch();
    <section class="result" aria-labelledby="import-result-title" data-testid="import-result">
      <h3 id="import-result-title">{{ b.fileName ?? 'Upload' }} into {{ b.accountName }}</h3>
      @switch (b.status) {
        @case ('queued') {
          <p data-testid="import-progress" aria-live="polite">Waiting to start…</p>
          <mat-progress-bar mode="indeterminate" aria-label="Import progress" />
        }
        @case ('running') {
          <p data-testid="import-progress" aria-live="polite">
            @if (b.rowsTotal !== null) { Imported {{ b.rowsDone | number }} of {{ b.rowsTotal | number }} rows }
            @else { Reading the file… }
          </p>
          <mat-progress-bar [mode]="b.rowsTotal === null ? 'indeterminate' : 'determinate'" [value]="percent()" aria-label="Import progress" />
        }
        @case ('succeeded') {
          <p class="ok" role="status" data-testid="import-outcome">
            {{ newText() }}, {{ b.duplicatesSkipped | number }} already imported
          </p>
          <p class="detail">
            {{ b.rowsTotal ?? b.rowsDone | number }} rows read as {{ format() }}@if (b.assumedTimeZone) {; times without a zone were read as {{ b.assumedTimeZone }}}.
            @if (b.eventsAdded === 0 && b.duplicatesSkipped > 0) { This file was imported before; nothing was added twice. }
          </p>
        }
        @case ('failed') {
          <p class="failed" role="alert" data-testid="import-outcome">Nothing was imported</p>
          <p>
            We found {{ problemsText() }} in this file@if (b.issues.length < b.issueCount) { (the first {{ b.issues.length | number }} are listed)}.
            Fix them in the file and upload it again; nothing is stored until the whole file reads cleanly.
            If your exchange's format is not recognised, you can use the <a [href]="templateUrl" download>Lotline generic CSV template</a>.
          </p>
          <div class="scroll">
          <table mat-table [dataSource]="b.issues" aria-label="Problems in the file" class="issues">
            <ng-container matColumnDef="line">
              <th mat-header-cell *matHeaderCellDef>Line</th>
              <td mat-cell *matCellDef="let i">{{ i.line > 0 ? i.line : '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="column">
              <th mat-header-cell *matHeaderCellDef>Column</th>
              <td mat-cell *matCellDef="let i">{{ i.column ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="value">
              <th mat-header-cell *matHeaderCellDef>Value</th>
              <td mat-cell *matCellDef="let i" class="value">{{ i.value === undefined ? '—' : i.value === '' ? '(empty)' : i.value }}</td>
            </ng-container>
            <ng-container matColumnDef="problem">
              <th mat-header-cell *matHeaderCellDef>Problem</th>
              <td mat-cell *matCellDef="let i">{{ i.message }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="issueColumns"></tr>
            <tr mat-row *matRowDef="let row; columns: issueColumns" data-testid="import-issue"></tr>
          </table>
          </div>
        }
      }
    </section>
  `,
  styles: `
    .result { margin: 16px 0; padding: 12px 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; }
    h3 { margin-top: 0; }
    .ok { font-weight: 500; }
    .failed { font-weight: 500; color: var(--mat-sys-error); }
    .detail { color: var(--mat-sys-on-surface-variant); }
    .scroll { overflow-x: auto; }
    .value { font-family: monospace; word-break: break-all; }
  `,
})
export class ImportResultComponent {
  readonly batch = input.required<ImportBatchView>();
  protected readonly issueColumns = ['line', 'column', 'value', 'problem'];
  protected readonly templateUrl = GENERIC_TEMPLATE_URL;
  protected readonly percent = computed(() => {
    const b = this.batch();
    return b.rowsTotal ? Math.min(100, Math.round((b.rowsDone / b.rowsTotal) * 100)) : 0;
  });
  protected readonly newText = computed(() => plural(this.batch().eventsAdded, 'new transaction', 'new transactions'));
  protected readonly problemsText = computed(() => plural(this.batch().issueCount, 'problem', 'problems'));
  protected readonly format = computed(() => formatLabel(this.batch().format));
}
