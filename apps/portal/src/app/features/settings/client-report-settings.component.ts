import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { INCOME_SCHEDULES, type ClientDetail, type ErrorBody, type IncomeSchedule } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { ClientsService } from '../../data/clients.service';
import { FirmService } from '../../data/firm.service';
import { current } from '../../shared/resource';

export const INCOME_SCHEDULE_LABELS: Readonly<Record<IncomeSchedule, string>> = {
  schedule1: 'Schedule 1, line 8 (other income)',
  scheduleC: 'Schedule C (business income)',
};

const messageOf = (e: unknown, fallback: string): string =>
  (e instanceof HttpErrorResponse && e.error && typeof e.error === 'object' ? (e.error as Partial<ErrorBody>).message : undefined) ?? fallback;

/** Client profile (staff): where the client's income prints, the taxpayer id for Form 8949, and fetching missing prices. */
@Component({
  selector: 'll-client-report-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="client-report-settings-title">
      <h2 id="client-report-settings-title">Report settings</h2>
      <mat-form-field>
        <mat-label>Crypto income goes on</mat-label>
        <mat-select data-testid="income-schedule" [value]="detail().incomeSchedule" [disabled]="busy()" (selectionChange)="setSchedule($event.value)">
          @for (s of schedules; track s) { <mat-option [value]="s">{{ scheduleLabels[s] }}</mat-option> }
        </mat-select>
      </mat-form-field>

      <h3>Taxpayer id (Form 8949 header)</h3>
      @if (firmValue(); as f) {
        @if (f.storeTaxpayerIds) {
          <p data-testid="taxpayer-id-status">{{ detail().taxpayerIdMasked ? 'Stored: ' + detail().taxpayerIdMasked : 'None stored: the field stays blank on the forms.' }}</p>
          <form class="row" (ngSubmit)="setTaxpayerId()">
            <mat-form-field>
              <mat-label>SSN, ITIN or EIN</mat-label>
              <input matInput name="taxpayerId" [(ngModel)]="taxpayerId" autocomplete="off" maxlength="11" data-testid="taxpayer-id-input" />
            </mat-form-field>
            <button mat-stroked-button type="submit" [disabled]="busy() || !taxpayerId.trim()">Save id</button>
            @if (detail().taxpayerIdMasked) { <button mat-button type="button" [disabled]="busy()" (click)="removeTaxpayerId()" data-testid="taxpayer-id-remove">Remove id</button> }
          </form>
          @if (idError()) { <p role="alert">{{ idError() }}</p> }
        } @else {
          <p data-testid="taxpayer-id-status">Your firm does not store taxpayer ids (a firm admin can turn it on in Settings); the field stays blank for you to fill in by hand.</p>
        }
      }

      <h3>Prices</h3>
      <button mat-stroked-button type="button" [disabled]="busy()" (click)="fetchPrices()" data-testid="fetch-prices">Fetch missing prices</button>
      @if (fetchNote()) { <p data-testid="fetch-prices-note">{{ fetchNote() }}</p> }
    </section>
  `,
  styles: `section { display: grid; gap: 8px; max-width: 640px; } .row { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }`,
})
export class ClientReportSettingsComponent {
  private readonly clients = inject(ClientsService);
  private readonly firms = inject(FirmService);
  private readonly notifications = inject(NotificationsService);
  readonly client = input.required<ClientDetail>();
  /** The latest detail: the input, then what each change answered. */
  protected readonly detail = linkedSignal(() => this.client());
  protected readonly firm = rxResource({ stream: () => this.firms.get() });
  protected readonly firmValue = current(this.firm);
  protected readonly schedules = INCOME_SCHEDULES;
  protected readonly scheduleLabels = INCOME_SCHEDULE_LABELS;
  protected readonly busy = signal(false);
  protected readonly idError = signal<string | null>(null);
  protected readonly fetchNote = signal<string | null>(null);
  protected taxpayerId = '';
  private readonly id = computed(() => this.client().id);

  protected setSchedule(incomeSchedule: IncomeSchedule): void {
    this.busy.set(true);
    this.clients.update(this.id(), { incomeSchedule }).subscribe({ next: (d) => this.done(d, 'Income schedule saved.'), error: () => this.busy.set(false) });
  }

  protected setTaxpayerId(): void {
    this.busy.set(true);
    this.idError.set(null);
    this.clients.setTaxpayerId(this.id(), this.taxpayerId.trim()).subscribe({
      next: (d) => {
        this.taxpayerId = '';
        this.done(d, 'Taxpayer id saved.');
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.idError.set(messageOf(e, 'The taxpayer id could not be saved.'));
      },
    });
  }

  protected removeTaxpayerId(): void {
    this.busy.set(true);
    this.clients.removeTaxpayerId(this.id()).subscribe({ next: (d) => this.done(d, 'Taxpayer id removed.'), error: () => this.busy.set(false) });
  }

  protected fetchPrices(): void {
    this.busy.set(true);
    this.fetchNote.set(null);
    this.clients.fetchPrices(this.id()).subscribe({
      next: (run) => {
        this.busy.set(false);
        this.fetchNote.set(`Fetching prices from ${run.exchange}: the warnings and the preview update when it finishes.`);
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const conflict = e instanceof HttpErrorResponse && e.status === 409;
        this.fetchNote.set(
          conflict
            ? `${messageOf(e, 'No price exchange is configured on this server.')} A firm admin can upload a price CSV in Settings → Price table; a missing price can also be entered on its warning.`
            : messageOf(e, 'The prices could not be fetched; try again.'),
        );
      },
    });
  }

  private done(d: ClientDetail, note: string): void {
    this.busy.set(false);
    this.detail.set(d);
    this.notifications.info(note);
  }
}
