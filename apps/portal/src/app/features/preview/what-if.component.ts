import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import type { TaxYearMethodView, WhatIfMethod } from '@lotline/contracts';
import { ReconciliationService } from '../../data/reconciliation.service';
import { current } from '../../shared/resource';
import { UsdPipe } from './usd.pipe';

export const WHAT_IF_LABELS: Readonly<Record<WhatIfMethod, string>> = { fifo: 'FIFO', lifo: 'LIFO', hifo: 'HIFO' };

/** Method what-if (staff): the year's totals under FIFO, LIFO and HIFO side by side, and "use this method". */
@Component({
  selector: 'll-what-if',
  imports: [DatePipe, MatButtonModule, UsdPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="whatif-title">
      <h2 id="whatif-title">Compare methods</h2>
      @if (method(); as m) {
        <p data-testid="method-chosen">
          Method for {{ taxYear() }}: <strong>{{ m.method.toUpperCase() }}</strong>
          @if (m.origin === 'chosen') { — chosen by {{ m.chosenBy?.displayName ?? 'someone' }} on {{ m.chosenAt | date: 'mediumDate' }} }
          @else if (m.origin === 'client') { (the client's default) }
          @else { (the firm's default) }
        </p>
      }
      @if (value(); as w) {
        <table class="grid" aria-label="Method comparison">
          <thead>
            <tr>
              <th></th>
              @for (m of w.methods; track m.method) { <th scope="col" class="num">{{ labels[m.method] }}@if (m.method === w.chosen) { (current)}</th> }
            </tr>
          </thead>
          <tbody>
            <tr><th scope="row">Short-term gain</th>@for (m of w.methods; track m.method) { <td class="num">{{ m.shortTerm.gain | usd }}</td> }</tr>
            <tr><th scope="row">Long-term gain</th>@for (m of w.methods; track m.method) { <td class="num">{{ m.longTerm.gain | usd }}</td> }</tr>
            <tr><th scope="row">Total gain</th>@for (m of w.methods; track m.method) { <td class="num" [attr.data-testid]="'whatif-total-' + m.method">{{ m.total.gain | usd }}</td> }</tr>
            <tr><th scope="row">Proceeds</th>@for (m of w.methods; track m.method) { <td class="num">{{ m.total.proceeds | usd }}</td> }</tr>
            <tr><th scope="row">Cost basis</th>@for (m of w.methods; track m.method) { <td class="num">{{ m.total.costBasis | usd }}</td> }</tr>
            <tr>
              <th scope="row"></th>
              @for (m of w.methods; track m.method) {
                <td class="num">
                  @if (m.method !== w.chosen) {
                    <button mat-stroked-button type="button" (click)="use(m.method)" [disabled]="busy()">Use {{ labels[m.method] }}</button>
                  }
                </td>
              }
            </tr>
          </tbody>
        </table>
      } @else if (whatIf.error()) {
        <p role="alert">The comparison could not be computed.</p>
      } @else {
        <p>Computing the comparison…</p>
      }
    </section>
  `,
  styles: `
    .grid { border-collapse: collapse; }
    .grid th, .grid td { padding: 4px 12px; border-bottom: 1px solid var(--mat-sys-outline-variant); text-align: left; }
    .grid .num { text-align: right; font-variant-numeric: tabular-nums; }
  `,
})
export class WhatIfComponent {
  private readonly recon = inject(ReconciliationService);
  readonly clientId = input.required<string>();
  readonly taxYear = input.required<number>();
  readonly method = input<TaxYearMethodView | null>(null);
  /** Changes after a recompute, to compare again. */
  readonly version = input(0);
  /** A method was chosen for the year (saved with who and when; the numbers recompute). */
  readonly chosen = output<TaxYearMethodView>();
  protected readonly labels = WHAT_IF_LABELS;
  protected readonly busy = signal(false);
  protected readonly whatIf = rxResource({
    params: () => ({ clientId: this.clientId(), year: this.taxYear(), v: this.version() }),
    stream: ({ params }) => this.recon.whatIf(params.clientId, params.year),
  });
  protected readonly value = current(this.whatIf);

  protected use(method: WhatIfMethod): void {
    this.busy.set(true);
    this.recon.chooseMethod(this.clientId(), this.taxYear(), { method }).subscribe({
      next: (m) => {
        this.busy.set(false);
        this.chosen.emit(m);
      },
      error: () => this.busy.set(false),
    });
  }
}
