import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { WARNING_KINDS, type TaxYearMethodView } from '@lotline/contracts';
import { of } from 'rxjs';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { ReconciliationService } from '../../data/reconciliation.service';
import { STATUS_LABELS, defaultTaxYear, taxYears } from '../../shared/labels';
import { current } from '../../shared/resource';
import { RecomputeStatusComponent } from '../warnings/recompute-status.component';
import { INCOME_KIND_LABELS, WARNING_KIND_LABELS } from '../warnings/warning-labels';
import { Form8949TableComponent } from './form8949-table.component';
import { QuantityPipe, UsdPipe } from './usd.pipe';
import { WhatIfComponent } from './what-if.component';

/**
 * Free preview of one client's tax year (staff: /clients/:id/preview/:year; the client: /workspace/preview/:year):
 * status, totals by term and box, income by kind, per-asset summary, end-of-year holdings, open warnings by kind, the
 * 8949 rows with their sources, and (staff) the method what-if. No final files.
 */
@Component({
  selector: 'll-preview-page',
  imports: [DatePipe, RouterLink, MatFormFieldModule, MatSelectModule, RecomputeStatusComponent, Form8949TableComponent, WhatIfComponent, UsdPipe, QuantityPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (staff()) { <p><a [routerLink]="['/clients', clientId()]">← Back to the client</a></p> }
    @else { <p><a routerLink="/workspace">← Back to your workspace</a></p> }
    <div class="head">
      <h1>Tax preview {{ taxYear() }}</h1>
      <mat-form-field>
        <mat-label>Tax year</mat-label>
        <mat-select [value]="taxYear()" (valueChange)="chooseYear($event)">
          @for (y of years; track y) { <mat-option [value]="y">{{ y }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </div>
    <p class="banner" role="note" data-testid="preview-banner">Preview — final reports are available after payment</p>
    @if (clientId(); as id) { <ll-recompute-status [clientId]="id" [canRequest]="staff()" (settled)="refresh()" /> }

    @if (value(); as p) {
      <dl class="facts">
        <dt>Status</dt><dd data-testid="preview-status">{{ statusLabels[p.status] }}</dd>
        <dt>Method</dt><dd>{{ p.method.method.toUpperCase() }}@if (p.method.origin === 'chosen' && p.method.chosenBy) { (chosen by {{ p.method.chosenBy.displayName }})}</dd>
        <dt>Computed</dt><dd>{{ p.computedAt ? (p.computedAt | date: 'medium') : 'Not yet' }}</dd>
        <dt>Open blocking warnings</dt><dd data-testid="preview-open-blocking">{{ p.openBlocking }}</dd>
      </dl>

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">Capital gains</h2>
        <table class="grid" aria-label="Totals by term">
          <thead><tr><th></th><th class="num">Rows</th><th class="num">Proceeds</th><th class="num">Cost basis</th><th class="num">Adjustment</th><th class="num">Gain</th></tr></thead>
          <tbody>
            @for (t of [{ label: 'Short term', v: p.shortTerm, id: 'short' }, { label: 'Long term', v: p.longTerm, id: 'long' }, { label: 'Total', v: p.total, id: 'total' }]; track t.id) {
              <tr [attr.data-testid]="'totals-' + t.id">
                <th scope="row">{{ t.label }}</th>
                <td class="num">{{ t.v.rows }}</td>
                <td class="num">{{ t.v.proceeds | usd }}</td>
                <td class="num">{{ t.v.costBasis | usd }}</td>
                <td class="num">{{ t.v.adjustment | usd }}</td>
                <td class="num" data-testid="gain">{{ t.v.gain | usd }}</td>
              </tr>
            }
          </tbody>
        </table>
        @if (p.boxes.length) {
          <table class="grid" aria-label="Totals by Form 8949 box">
            <thead><tr><th>Box</th><th>Term</th><th class="num">Rows</th><th class="num">Proceeds</th><th class="num">Cost basis</th><th class="num">Adjustment</th><th class="num">Gain</th></tr></thead>
            <tbody>
              @for (b of p.boxes; track b.box) {
                <tr>
                  <td>{{ b.box }}</td><td>{{ b.term === 'short' ? 'Short' : 'Long' }}</td><td class="num">{{ b.rows }}</td>
                  <td class="num">{{ b.proceeds | usd }}</td><td class="num">{{ b.costBasis | usd }}</td><td class="num">{{ b.adjustment | usd }}</td><td class="num">{{ b.gain | usd }}</td>
                </tr>
              }
            </tbody>
          </table>
        }
      </section>

      <section aria-labelledby="income-title">
        <h2 id="income-title">Income</h2>
        <p>Total ordinary income: <strong data-testid="preview-income">{{ p.income | usd }}</strong></p>
        @if (p.incomeByKind.length) {
          <table class="grid" aria-label="Income by kind">
            @for (i of p.incomeByKind; track i.kind) { <tr><th scope="row">{{ incomeLabels[i.kind] }}</th><td class="num">{{ i.usdValue | usd }}</td></tr> }
          </table>
        }
      </section>

      <section aria-labelledby="assets-title">
        <h2 id="assets-title">By asset</h2>
        <div class="scroll">
          <table class="grid" aria-label="Per-asset summary">
            <thead><tr><th>Asset</th><th class="num">Disposals</th><th class="num">Quantity sold</th><th class="num">Proceeds</th><th class="num">Cost basis</th><th class="num">Gain</th><th class="num">Income</th><th class="num">Held at year end</th><th class="num">Basis at year end</th></tr></thead>
            <tbody>
              @for (a of p.assets; track a.asset) {
                <tr>
                  <td>{{ a.asset }}</td><td class="num">{{ a.disposals }}</td><td class="num">{{ a.quantityDisposed | qty }}</td><td class="num">{{ a.proceeds | usd }}</td>
                  <td class="num">{{ a.costBasis | usd }}</td><td class="num">{{ a.gain | usd }}</td><td class="num">{{ a.income | usd }}</td>
                  <td class="num">{{ a.endQuantity | qty }}</td><td class="num">{{ a.endCostBasis | usd }}</td>
                </tr>
              } @empty { <tr><td colspan="9">No activity in this year.</td></tr> }
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="holdings-title">
        <h2 id="holdings-title">Holdings at the end of {{ p.taxYear }}</h2>
        <table class="grid" aria-label="End-of-year holdings">
          <thead><tr><th>Account</th><th>Asset</th><th class="num">Quantity</th><th class="num">Cost basis</th><th class="num">Lots</th></tr></thead>
          <tbody>
            @for (h of p.holdings; track h.scopeKey + h.asset) {
              <tr><td>{{ h.scopeKey === '*' ? 'All accounts' : h.scopeKey }}</td><td>{{ h.asset }}</td><td class="num">{{ h.quantity | qty }}</td><td class="num">{{ h.costBasis | usd }}</td><td class="num">{{ h.lotCount }}</td></tr>
            } @empty { <tr><td colspan="5">Nothing held.</td></tr> }
          </tbody>
        </table>
      </section>

      <section aria-labelledby="open-title">
        <h2 id="open-title">Open warnings</h2>
        @if (openKinds().length) {
          <ul>
            @for (k of openKinds(); track k.kind) { <li data-testid="preview-open-kind">{{ kindLabels[k.kind] }}: {{ k.count }}</li> }
          </ul>
          @if (staff()) { <p><a [routerLink]="['/clients', clientId()]">Work the warnings</a></p> }
        } @else {
          <p>None.</p>
        }
      </section>

      <ll-form8949-table [clientId]="clientId()" [taxYear]="taxYear()" [version]="version()" />

      @if (staff()) {
        <ll-what-if [clientId]="clientId()" [taxYear]="taxYear()" [method]="p.method" [version]="version()" (chosen)="methodChosen($event)" />
      }
    } @else if (preview.error()) {
      <p role="alert">The preview could not be loaded.</p>
    } @else {
      <p>Loading…</p>
    }
  `,
  styles: `
    .banner { padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); font-weight: 500; }
    .head { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 500; }
    dd { margin: 0; }
    .grid { border-collapse: collapse; margin-bottom: 12px; }
    .grid th, .grid td { padding: 4px 12px; border-bottom: 1px solid var(--mat-sys-outline-variant); text-align: left; }
    .grid .num { text-align: right; font-variant-numeric: tabular-nums; }
    .scroll { overflow-x: auto; }
  `,
})
export class PreviewPage {
  private readonly recon = inject(ReconciliationService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly notifications = inject(NotificationsService);
  /** Route parameter (staff route); the client's own id otherwise. */
  readonly id = input<string>();
  readonly year = input<string>();

  protected readonly staff = this.session.isStaff;
  protected readonly clientId = computed(() => this.id() ?? this.session.user()?.clientId ?? '');
  protected readonly taxYear = computed(() => {
    const y = Number(this.year());
    return Number.isInteger(y) && y >= 2000 ? y : defaultTaxYear();
  });
  protected readonly years = taxYears();
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly kindLabels = WARNING_KIND_LABELS;
  protected readonly incomeLabels = INCOME_KIND_LABELS;
  /** Bumped when a recompute finishes: every part fetches its numbers again. */
  protected readonly version = signal(0);
  protected readonly preview = rxResource({
    params: () => ({ clientId: this.clientId(), year: this.taxYear(), v: this.version() }),
    stream: ({ params }) => (params.clientId ? this.recon.preview(params.clientId, params.year) : of(undefined)),
  });
  protected readonly value = current(this.preview);
  protected readonly openKinds = computed(() => {
    const counts = this.value()?.openWarningsByKind ?? {};
    return WARNING_KINDS.filter((k) => (counts[k] ?? 0) > 0).map((k) => ({ kind: k, count: counts[k] ?? 0 }));
  });
  private readonly recompute = viewChild(RecomputeStatusComponent);

  protected chooseYear(y: number): void {
    void this.router.navigate(this.staff() ? ['/clients', this.clientId(), 'preview', y] : ['/workspace', 'preview', y]);
  }

  protected refresh(): void {
    this.version.update((v) => v + 1);
  }

  protected methodChosen(m: TaxYearMethodView): void {
    this.notifications.info(`${m.method.toUpperCase()} is now the method for ${m.taxYear}. The numbers are being recalculated.`);
    this.preview.reload();
    this.recompute()?.follow();
  }
}
