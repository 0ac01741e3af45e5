import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import type { Form8949RowDetail, Form8949RowView } from '@lotline/contracts';
import { describeError } from '../../core/api-error';
import { ReconciliationService } from '../../data/reconciliation.service';
import { current } from '../../shared/resource';
import { sourceText } from '../warnings/warning-labels';
import { QuantityPipe, UsdPipe } from './usd.pipe';

/** The year's Form 8949 rows (one per disposal piece), paginated; each row opens to its lot and the source rows behind it. */
@Component({
  selector: 'll-form8949-table',
  imports: [MatButtonModule, MatPaginatorModule, QuantityPipe, UsdPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="f8949-title">
      <h2 id="f8949-title">Form 8949 rows</h2>
      <div class="scroll">
        <table class="rows" aria-label="Form 8949 rows">
          <thead>
            <tr>
              <th>#</th><th>Description</th><th>Acquired</th><th>Sold</th><th class="num">Proceeds</th><th class="num">Cost basis</th>
              <th>Code</th><th class="num">Adjustment</th><th class="num">Gain</th><th>Term</th><th>Box</th><th>Account</th><th></th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.rowNo) {
              <tr data-testid="f8949-row" [class.missing]="r.missingBasis">
                <td>{{ r.rowNo }}</td>
                <td>{{ r.description }}</td>
                <td>{{ r.dateAcquired ?? 'Various' }}</td>
                <td>{{ r.dateSold }}</td>
                <td class="num">{{ r.proceeds | usd }}</td>
                <td class="num">{{ r.costBasis | usd }}</td>
                <td>{{ r.adjustmentCode ?? '' }}</td>
                <td class="num">{{ r.adjustmentCode ? (r.adjustment | usd) : '' }}</td>
                <td class="num">{{ r.gain | usd }}</td>
                <td>{{ r.term === 'short' ? 'Short' : 'Long' }}</td>
                <td>{{ r.box }}</td>
                <td>{{ r.account }}</td>
                <td>
                  <button mat-button type="button" (click)="toggle(r)" [attr.aria-expanded]="open() === r.rowNo" [attr.aria-label]="(open() === r.rowNo ? 'Hide' : 'Show') + ' sources of row ' + r.rowNo">
                    {{ open() === r.rowNo ? 'Hide' : 'Sources' }}
                  </button>
                </td>
              </tr>
              @if (open() === r.rowNo) {
                <tr class="detail">
                  <td colspan="13" data-testid="f8949-detail">
                    @if (detail(); as d) {
                      @if (d.lot; as lot) {
                        <p>Lot acquired {{ lot.dateAcquired }} in {{ lot.account }}: {{ lot.quantity | qty }} {{ r.asset }} for {{ lot.costBasis | usd }}.</p>
                      } @else {
                        <p>No lot: these units had no cost basis in the data.</p>
                      }
                      <ul>
                        @for (e of d.sourceEvents; track e.id) {
                          <li data-testid="f8949-source">{{ e.timestamp.slice(0, 10) }} {{ e.type }} in {{ e.account }} — {{ source(e) }}</li>
                        }
                      </ul>
                    } @else if (detailError(); as e) {
                      <p role="alert">{{ e }}</p>
                    } @else {
                      <p>Loading…</p>
                    }
                  </td>
                </tr>
              }
            } @empty {
              <tr><td colspan="13" class="empty">{{ page$.isLoading() ? 'Loading…' : 'No disposals in this tax year.' }}</td></tr>
            }
          </tbody>
        </table>
      </div>
      <mat-paginator [length]="pageValue()?.total ?? 0" [pageIndex]="page() - 1" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="setPage($event)" aria-label="Form 8949 pages" />
    </section>
  `,
  styles: `
    .scroll { overflow-x: auto; }
    .rows { width: 100%; border-collapse: collapse; font-size: 13px; }
    .rows th, .rows td { text-align: left; padding: 4px 6px; border-bottom: 1px solid var(--mat-sys-outline-variant); white-space: nowrap; }
    .rows .num { text-align: right; font-variant-numeric: tabular-nums; }
    .missing td { color: var(--mat-sys-error); }
    .detail td { white-space: normal; background: var(--mat-sys-surface-container-low); }
    .empty { padding: 16px; }
  `,
})
export class Form8949TableComponent {
  private readonly recon = inject(ReconciliationService);
  readonly clientId = input.required<string>();
  readonly taxYear = input.required<number>();
  /** Changes after a recompute, to fetch the rows again. */
  readonly version = input(0);
  protected readonly source = sourceText;
  protected readonly page = signal(1);
  protected readonly pageSize = signal(50);
  protected readonly open = signal<number | null>(null);
  protected readonly detail = signal<Form8949RowDetail | null>(null);
  protected readonly detailError = signal<string | null>(null);
  protected readonly page$ = rxResource({
    params: () => ({ clientId: this.clientId(), year: this.taxYear(), page: this.page(), pageSize: this.pageSize(), v: this.version() }),
    stream: ({ params }) => this.recon.form8949(params.clientId, params.year, { page: params.page, pageSize: params.pageSize }),
  });
  protected readonly pageValue = current(this.page$);
  protected readonly rows = computed<readonly Form8949RowView[]>(() => this.pageValue()?.items ?? []);

  protected setPage(e: PageEvent): void {
    this.open.set(null);
    this.pageSize.set(e.pageSize);
    this.page.set(e.pageIndex + 1);
  }

  protected toggle(r: Form8949RowView): void {
    if (this.open() === r.rowNo) return this.open.set(null);
    this.open.set(r.rowNo);
    this.detail.set(null);
    this.detailError.set(null);
    this.recon.form8949Row(this.clientId(), this.taxYear(), r.rowNo).subscribe({
      next: (d) => {
        if (this.open() === r.rowNo) this.detail.set(d);
      },
      error: (e: unknown) => this.detailError.set(describeError(e)),
    });
  }
}
