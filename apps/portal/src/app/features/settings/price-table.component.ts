import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { ErrorBody, PriceImportResult } from '@lotline/contracts';
import { FirmService } from '../../data/firm.service';
import { current } from '../../shared/resource';

/**
 * Settings page: the firm's USD price table. Upload a price CSV (date, asset, price_usd[, granularity, source]); a bad
 * file stores nothing and every problem is listed by line and column. Below, the table page by page.
 */
@Component({
  selector: 'll-price-table',
  imports: [DatePipe, MatButtonModule, MatPaginatorModule, MatTableModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="price-table-title">
      <h2 id="price-table-title">Price table</h2>
      <p class="hint">
        USD prices the reconciliation uses when an event has no USD value. CSV columns: <code>date</code> (YYYY-MM-DD or an
        ISO instant), <code>asset</code>, <code>price_usd</code>, and optionally <code>granularity</code> (day, hour, minute)
        and <code>source</code>.
      </p>
      <input #file type="file" accept=".csv,text/csv" hidden (change)="upload(file)" data-testid="price-file" />
      <button mat-stroked-button type="button" [disabled]="uploading()" (click)="file.click()">Upload price CSV</button>
      @if (uploading()) { <span> Uploading…</span> }
      @if (result(); as r) {
        <p data-testid="price-import-result">{{ r.fileName }}: {{ r.rows }} rows, {{ r.added }} new prices, {{ r.duplicates }} already in the table.</p>
      }
      @if (failure(); as f) {
        <div role="alert" data-testid="price-import-errors">
          <p>{{ f.message }}</p>
          <ul>@for (d of f.details; track $index) { <li><strong>{{ d.field }}</strong>: {{ d.message }}</li> }</ul>
        </div>
      }
      @if (pageValue(); as p) {
        @if (p.total === 0) {
          <p>The price table is empty.</p>
        } @else {
          <table mat-table [dataSource]="p.items" aria-label="Prices">
            <ng-container matColumnDef="at">
              <th mat-header-cell *matHeaderCellDef>When</th>
              <td mat-cell *matCellDef="let q">{{ q.granularity === 'day' ? (q.at | date: 'yyyy-MM-dd' : 'UTC') : (q.at | date: 'yyyy-MM-dd HH:mm' : 'UTC') + ' UTC' }}</td>
            </ng-container>
            <ng-container matColumnDef="asset">
              <th mat-header-cell *matHeaderCellDef>Asset</th>
              <td mat-cell *matCellDef="let q">{{ q.asset }}</td>
            </ng-container>
            <ng-container matColumnDef="price">
              <th mat-header-cell *matHeaderCellDef>Price (USD)</th>
              <td mat-cell *matCellDef="let q">{{ q.priceUsd }}</td>
            </ng-container>
            <ng-container matColumnDef="granularity">
              <th mat-header-cell *matHeaderCellDef>Per</th>
              <td mat-cell *matCellDef="let q">{{ q.granularity }}</td>
            </ng-container>
            <ng-container matColumnDef="source">
              <th mat-header-cell *matHeaderCellDef>Source</th>
              <td mat-cell *matCellDef="let q">{{ q.source }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="price-row"></tr>
          </table>
          <mat-paginator [length]="p.total" [pageIndex]="page() - 1" [pageSize]="pageSize()" [pageSizeOptions]="[25, 50, 100]" (page)="paged($event)" />
        }
      } @else if (prices.error()) {
        <p role="alert">The price table could not be loaded.</p>
      }
    </section>
  `,
  styles: `.hint { color: var(--mat-sys-on-surface-variant); max-width: 640px; }`,
})
export class PriceTableComponent {
  private readonly api = inject(FirmService);
  protected readonly columns = ['at', 'asset', 'price', 'granularity', 'source'];
  protected readonly page = signal(1);
  protected readonly pageSize = signal(25);
  protected readonly prices = rxResource({ params: () => ({ page: this.page(), pageSize: this.pageSize() }), stream: ({ params }) => this.api.prices(params.page, params.pageSize) });
  protected readonly pageValue = current(this.prices);
  protected readonly uploading = signal(false);
  protected readonly result = signal<PriceImportResult | null>(null);
  private readonly error = signal<Partial<ErrorBody> | null>(null);
  protected readonly failure = computed(() => {
    const e = this.error();
    return e ? { message: e.message ?? 'The file could not be imported.', details: e.details ?? [] } : null;
  });

  protected paged(e: PageEvent): void {
    this.pageSize.set(e.pageSize);
    this.page.set(e.pageIndex + 1);
  }

  protected upload(input: HTMLInputElement): void {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.uploading.set(true);
    this.result.set(null);
    this.error.set(null);
    this.api.importPrices(file).subscribe({
      next: (r) => {
        this.uploading.set(false);
        this.result.set(r);
        this.page.set(1);
        this.prices.reload();
      },
      error: (e: unknown) => {
        this.uploading.set(false);
        this.error.set(e instanceof HttpErrorResponse && e.error && typeof e.error === 'object' ? (e.error as Partial<ErrorBody>) : { message: 'The upload failed; try again.' });
      },
    });
  }
}
