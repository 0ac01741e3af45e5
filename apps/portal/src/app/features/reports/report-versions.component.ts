import { DatePipe, DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ErrorBody, ReportFileKind, ReportFileView, ReportGateView, ReportVersionView } from '@lotline/contracts';
import { HttpErrorResponse } from '@angular/common/http';
import { Subscription, timer } from 'rxjs';
import { describeError } from '../../core/api-error';
import { NotificationsService } from '../../core/notifications.service';
import { REPORT_POLL_MS, ReportsService, isSettled, saveFile } from '../../data/reports.service';
import { defaultTaxYear, taxYears } from '../../shared/labels';
import { current } from '../../shared/resource';

export const REPORT_FILE_LABELS: Record<ReportFileKind, string> = {
  form8949_pdf: 'Form 8949 (PDF)',
  schedule_d_pdf: 'Schedule D summary (PDF)',
  income_pdf: 'Income report (PDF)',
  audit_trail_pdf: 'Audit trail (PDF)',
  audit_trail_csv: 'Audit trail (CSV)',
  lot_allocation: 'Lot allocation 2025',
  capital_gains_csv: 'Capital gains (CSV)',
  turbotax_csv: 'TurboTax import (CSV)',
  taxact_csv: 'TaxAct import (CSV)',
  income_csv: 'Income (CSV)',
  holdings_csv: 'Year-end holdings (CSV)',
};

const STATUS_TEXT: Record<ReportVersionView['status'], string> = { queued: 'Queued', running: 'Generating…', succeeded: 'Ready', failed: 'Failed' };

/**
 * Final report sets of one client and tax year. Staff (`staff`): the gate with every reason it is closed, Generate,
 * and all versions with who/when/inputs hash/status. The client: the finished sets to download (zip or single files).
 * Every download goes through the API, which audits it.
 */
@Component({
  selector: 'll-report-versions',
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="reports-title" class="reports">
      <h2 id="reports-title">{{ staff() ? 'Final reports' : 'Your final reports' }}</h2>
      <mat-form-field class="year">
        <mat-label>Tax year</mat-label>
        <mat-select [value]="taxYear()" (valueChange)="taxYear.set($event)" data-testid="report-year">
          @for (y of years; track y) { <mat-option [value]="y">{{ y }}</mat-option> }
        </mat-select>
      </mat-form-field>

      @if (staff()) {
        @if (gateValue(); as g) {
          @if (g.canGenerate) {
            <p data-testid="report-gate">Paid and no blocking warnings: the final set can be generated.</p>
          } @else {
            <ul class="reasons" data-testid="report-gate" role="status">
              @for (r of g.reasons; track r.code) { <li>{{ r.message }}</li> }
            </ul>
          }
        }
        <button mat-flat-button type="button" (click)="generate()" [disabled]="busy() || !gateValue()?.canGenerate" data-testid="generate-report">Generate final reports</button>
        @if (refusal(); as message) { <p role="alert" class="error">{{ message }}</p> }
      }

      @if (shown(); as list) {
        @for (v of list; track v.id) {
          <article class="version" data-testid="report-version" [attr.data-version]="v.version">
            <h3>
              Version {{ v.version }} · <span data-testid="report-status">{{ statusText[v.status] }}</span>
              @if (v.supersededByVersion) { <span class="muted"> · superseded by version {{ v.supersededByVersion }}</span> }
            </h3>
            <p class="muted">
              {{ v.createdAt | date: 'medium' }}@if (v.createdBy) { by {{ v.createdBy.displayName }} } · method {{ v.method }}
              @if (staff()) { · inputs <code [title]="v.inputsHash">{{ v.inputsHash.slice(0, 12) }}</code> · engine {{ v.engineVersion }} }
            </p>
            @if (v.error) { <p class="error">{{ v.error }}</p> }
            @if (v.status === 'succeeded') {
              <div class="files">
                <button mat-stroked-button type="button" (click)="zip(v)" [disabled]="downloading()" data-testid="download-zip">Download all (zip)</button>
                @for (f of v.files; track f.id) {
                  <button mat-button type="button" (click)="file(v, f)" [disabled]="downloading()" [attr.data-kind]="f.kind" [title]="'sha256 ' + f.sha256">{{ fileLabel(f) }}</button>
                }
              </div>
            }
          </article>
        } @empty {
          <p>{{ staff() ? 'No report generated for this year yet.' : 'Your firm has not issued final reports for this year yet.' }}</p>
        }
      } @else if (versions.error()) {
        <p role="alert">The reports could not be loaded.</p>
      } @else {
        <p>Loading reports…</p>
      }
    </section>
  `,
  styles: `
    .year { width: 160px; display: block; }
    .reasons { color: var(--mat-sys-error); padding-left: 20px; }
    .error { color: var(--mat-sys-error); }
    .muted { color: var(--mat-sys-on-surface-variant); font-weight: normal; }
    .version { border-top: 1px solid var(--mat-sys-outline-variant); padding: 8px 0; }
    .version h3 { margin: 0 0 4px; font-size: 1rem; }
    .files { display: flex; flex-wrap: wrap; gap: 4px; }
  `,
})
export class ReportVersionsComponent {
  private readonly reports = inject(ReportsService);
  private readonly notifications = inject(NotificationsService);
  private readonly doc = inject(DOCUMENT);
  private readonly destroyRef = inject(DestroyRef);
  readonly clientId = input.required<string>();
  /** Staff view (gate, generate, every version); otherwise the client's download card (finished sets only). */
  readonly staff = input(false);
  readonly initialYear = input<number>(defaultTaxYear());

  protected readonly years = taxYears();
  protected readonly taxYear = signal(defaultTaxYear());
  protected readonly statusText = STATUS_TEXT;
  protected readonly busy = signal(false);
  protected readonly downloading = signal(false);
  protected readonly refusal = signal<string | null>(null);

  private readonly params = computed(() => ({ clientId: this.clientId(), taxYear: this.taxYear() }));
  protected readonly versions = rxResource({ params: this.params, stream: ({ params }) => this.reports.versions(params.clientId, params.taxYear) });
  private readonly gate = rxResource({
    params: () => (this.staff() ? this.params() : undefined),
    stream: ({ params }) => this.reports.gate(params.clientId, params.taxYear),
  });
  protected readonly gateValue = current<ReportGateView | undefined>(this.gate);
  private readonly list = current(this.versions);
  protected readonly shown = computed(() => {
    const list = this.list();
    return list && (this.staff() ? list : list.filter((v) => v.status === 'succeeded'));
  });
  private polling: Subscription | null = null;

  constructor() {
    effect(() => this.taxYear.set(this.initialYear()));
    // Follow a queued or running generation until it settles, then refresh the gate (status, running flag).
    effect(() => {
      const pending = this.list()?.some((v) => !isSettled(v)) ?? false;
      if (pending && !this.polling) {
        this.polling = timer(REPORT_POLL_MS)
          .pipe(takeUntilDestroyed(this.destroyRef))
          .subscribe(() => {
            this.polling = null;
            this.versions.reload();
            this.gate.reload();
          });
      }
    });
  }

  protected fileLabel(f: ReportFileView): string {
    return REPORT_FILE_LABELS[f.kind] ?? f.fileName;
  }

  protected generate(): void {
    this.busy.set(true);
    this.refusal.set(null);
    this.reports.generate(this.clientId(), this.taxYear()).subscribe({
      next: () => {
        this.busy.set(false);
        this.notifications.info('Generating the final report set…');
        this.versions.reload();
        this.gate.reload();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const body = e instanceof HttpErrorResponse ? (e.error as Partial<ErrorBody> | null) : null;
        this.refusal.set(body?.details?.length ? body.details.map((d) => d.message).join(' ') : describeError(e));
        this.gate.reload();
      },
    });
  }

  protected zip(v: ReportVersionView): void {
    this.save(this.reports.downloadZip(this.clientId(), v));
  }

  protected file(v: ReportVersionView, f: ReportFileView): void {
    this.save(this.reports.downloadFile(this.clientId(), v.id, f));
  }

  private save(download: ReturnType<ReportsService['downloadZip']>): void {
    this.downloading.set(true);
    download.subscribe({
      next: (file) => {
        this.downloading.set(false);
        saveFile(this.doc, file);
      },
      error: () => this.downloading.set(false),
    });
  }
}
