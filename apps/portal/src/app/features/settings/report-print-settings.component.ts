import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule, type MatSlideToggleChange } from '@angular/material/slide-toggle';
import { REPORT_ROUNDINGS, type ReportRounding, type UpdateFirmSettingsRequest } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { FirmService } from '../../data/firm.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { current } from '../../shared/resource';

export const ROUNDING_LABELS: Readonly<Record<ReportRounding, string>> = { cents: 'Dollars and cents (1,234.56)', dollars: 'Whole dollars (1,235)' };

/** Settings page (firm admin): how the final forms print amounts, and whether taxpayer ids may be stored at all. */
@Component({
  selector: 'll-report-print-settings',
  imports: [MatFormFieldModule, MatSelectModule, MatSlideToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="report-print-title">
      <h2 id="report-print-title">Final forms</h2>
      @if (value(); as f) {
        <mat-form-field>
          <mat-label>Amounts on the forms</mat-label>
          <mat-select data-testid="report-rounding" [value]="f.reportRounding" [disabled]="busy()" (selectionChange)="save({ reportRounding: $event.value })">
            @for (r of roundings; track r) { <mat-option [value]="r">{{ labels[r] }}</mat-option> }
          </mat-select>
        </mat-form-field>
        <mat-slide-toggle data-testid="store-taxpayer-ids" [checked]="f.storeTaxpayerIds" [disabled]="busy()" (change)="toggleTaxpayerIds($event)">
          Store clients' taxpayer ids (SSN/ITIN/EIN) to print them on Form 8949
        </mat-slide-toggle>
        <p class="hint">
          Stored ids are encrypted and only ever shown as their last 4 digits. When off, the forms leave the field blank for
          the preparer to fill in by hand. Turning it off erases every stored id.
        </p>
      } @else if (firm.error()) {
        <p role="alert">The firm settings could not be loaded.</p>
      }
    </section>
  `,
  styles: `.hint { color: var(--mat-sys-on-surface-variant); max-width: 640px; } section { display: grid; gap: 8px; max-width: 640px; }`,
})
export class ReportPrintSettingsComponent {
  private readonly api = inject(FirmService);
  private readonly dialog = inject(MatDialog);
  private readonly notifications = inject(NotificationsService);
  protected readonly roundings = REPORT_ROUNDINGS;
  protected readonly labels = ROUNDING_LABELS;
  protected readonly firm = rxResource({ stream: () => this.api.get() });
  protected readonly value = current(this.firm);
  protected readonly busy = signal(false);

  protected toggleTaxpayerIds(e: MatSlideToggleChange): void {
    if (e.checked) return this.save({ storeTaxpayerIds: true });
    confirmAction(this.dialog, {
      title: 'Stop storing taxpayer ids?',
      message: 'Every taxpayer id stored for your clients will be erased now and cannot be recovered. Future forms leave the field blank.',
      confirm: 'Erase stored ids',
    }).subscribe((ok) => (ok ? this.save({ storeTaxpayerIds: false }) : (e.source.checked = true)));
  }

  protected save(body: UpdateFirmSettingsRequest): void {
    this.busy.set(true);
    this.api.update(body).subscribe({
      next: (f) => {
        this.busy.set(false);
        this.firm.set(f);
        this.notifications.info(body.storeTaxpayerIds === false ? 'Taxpayer ids are no longer stored; the stored ones were erased.' : 'Settings saved.');
      },
      error: () => {
        this.busy.set(false);
        this.firm.reload();
      },
    });
  }
}
