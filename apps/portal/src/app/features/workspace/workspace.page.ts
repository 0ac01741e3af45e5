import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { ClientDetail } from '@lotline/contracts';
import { of } from 'rxjs';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { ClientsService } from '../../data/clients.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { STATUS_LABELS, defaultTaxYear, taxYears } from '../../shared/labels';
import { current } from '../../shared/resource';
import { AccountsImportsComponent } from '../imports/accounts-imports.component';
import { ClientBillingComponent } from '../billing/client-billing.component';
import { ReportVersionsComponent } from '../reports/report-versions.component';
import { ClientQuestionsComponent } from '../warnings/client-questions.component';

/** A client's own workspace: status, consent (revocable), accounts and CSV uploads, "I'm done uploading". */
@Component({
  selector: 'll-workspace-page',
  imports: [DatePipe, MatButtonModule, MatFormFieldModule, MatSelectModule, AccountsImportsComponent, ClientQuestionsComponent, ReportVersionsComponent, ClientBillingComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Your workspace</h1>
    @if (clientValue(); as c) {
      <p>
        Hello {{ c.displayName }}. <strong>{{ firmName() }}</strong> prepares your crypto tax reports.
      </p>
      <dl class="facts">
        <dt>Status for {{ statusYear() }}</dt><dd data-testid="workspace-status">{{ statusLabels[c.status] }}</dd>
        <dt>Data sharing</dt>
        <dd data-testid="consent-status">
          @if (c.consent.given) { You agreed on {{ c.consent.at | date: 'mediumDate' }}. }
          @else if (c.consent.revokedAt) { You revoked your consent on {{ c.consent.revokedAt | date: 'mediumDate' }}. Your firm keeps what you already shared but cannot read new data. }
          @else { Not given. }
        </dd>
      </dl>

      <section aria-labelledby="upload-title">
        <h2 id="upload-title">Your data</h2>
        <p>Upload the transaction exports of every exchange account and wallet you used. Connecting exchanges directly is coming soon.</p>
      </section>
      <ll-client-questions [clientId]="c.id" />
      <ll-accounts-imports [clientId]="c.id" />
      <ll-client-billing [clientId]="c.id" [clientName]="c.displayName" />
      <ll-report-versions [clientId]="c.id" />

      <section aria-labelledby="done-title">
        <h2 id="done-title">Finished uploading?</h2>
        <p>When you have given your firm everything, tell them:</p>
        <div class="row">
          <mat-form-field>
            <mat-label>Tax year</mat-label>
            <mat-select [value]="taxYear()" (valueChange)="taxYear.set($event)">
              @for (y of years; track y) { <mat-option [value]="y">{{ y }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <button mat-flat-button type="button" (click)="submit(c)" [disabled]="busy()">I'm done uploading</button>
        </div>
      </section>

      @if (c.consent.given) {
        <section aria-labelledby="consent-title">
          <h2 id="consent-title">Consent</h2>
          <button mat-stroked-button type="button" (click)="revoke(c)" [disabled]="busy()">Revoke consent</button>
        </section>
      }
    } @else if (client.error()) {
      <p role="alert">Your workspace could not be loaded.</p>
    } @else {
      <p>Loading…</p>
    }
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 500; }
    dd { margin: 0; }
    .row { display: flex; gap: 12px; align-items: baseline; }
  `,
})
export class WorkspacePage {
  private readonly clients = inject(ClientsService);
  private readonly session = inject(SessionService);
  private readonly notifications = inject(NotificationsService);
  private readonly dialog = inject(MatDialog);
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly years = taxYears();
  protected readonly taxYear = signal(defaultTaxYear());
  /** The API answers a client's status for its default year, or for the year just submitted. */
  protected readonly statusYear = signal(defaultTaxYear());
  protected readonly busy = signal(false);
  protected readonly firmName = computed(() => this.session.user()?.firmName ?? '');
  protected readonly client = rxResource({
    params: () => this.session.user()?.clientId ?? undefined,
    stream: ({ params }) => (params ? this.clients.get(params) : of(undefined)),
  });

  protected readonly clientValue = current(this.client);

  protected submit(c: ClientDetail): void {
    const year = this.taxYear();
    this.busy.set(true);
    this.clients.submit(c.id, year).subscribe({
      next: (updated) => {
        this.statusYear.set(year);
        this.updated(updated, `Thank you. ${this.firmName()} knows your ${year} data is complete.`);
      },
      error: () => this.busy.set(false),
    });
  }

  protected revoke(c: ClientDetail): void {
    confirmAction(this.dialog, {
      title: 'Revoke your consent?',
      message: `${this.firmName()} keeps what you already shared but can no longer read new data.`,
      confirm: 'Revoke consent',
    }).subscribe((ok) => {
      if (!ok) return;
      this.busy.set(true);
      this.clients.revokeConsent(c.id).subscribe({
        next: (updated) => this.updated(updated, 'Your consent is revoked.'),
        error: () => this.busy.set(false),
      });
    });
  }

  private updated(c: ClientDetail, message: string): void {
    this.busy.set(false);
    this.client.set(c);
    this.notifications.info(message);
  }
}
