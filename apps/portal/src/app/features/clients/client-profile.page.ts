import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AbilityServiceSignal } from '@casl/angular';
import type { AppAbility } from '@lotline/authz';
import { COST_BASIS_METHODS, type ClientDetail, type CostBasisMethod, type UpdateClientRequest } from '@lotline/contracts';
import { of } from 'rxjs';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { ClientsService } from '../../data/clients.service';
import { TeamService } from '../../data/team.service';
import { clientSubject } from '../../shared/client-subject';
import { InviteDialog, type InviteData } from '../../shared/invite.dialog';
import { METHOD_LABELS, PRICE_PATTERN, STATUS_LABELS } from '../../shared/labels';
import { current } from '../../shared/resource';
import { AccountsImportsComponent } from '../imports/accounts-imports.component';
import { ClientBillingComponent } from '../billing/client-billing.component';
import { ReportVersionsComponent } from '../reports/report-versions.component';
import { ClientReconciliationComponent } from '../warnings/client-reconciliation.component';
import { ClientReportSettingsComponent } from '../settings/client-report-settings.component';

/** One client: accounts and imports, settings, preparer assignment (firm admin), "invite a login" for a directly added client. */
@Component({
  selector: 'll-client-profile-page',
  imports: [DatePipe, ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, AccountsImportsComponent, ClientReconciliationComponent, ReportVersionsComponent, ClientBillingComponent, ClientReportSettingsComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/clients">← All clients</a></p>
    @if (clientValue(); as c) {
      <h1>{{ c.displayName }}</h1>
      <dl class="facts">
        <dt>Status</dt><dd data-testid="client-status">{{ statusLabels[c.status] }}</dd>
        <dt>Email</dt><dd>{{ c.email ?? '—' }}</dd>
        <dt>Login</dt><dd>{{ c.hasLogin ? 'Has a login' : 'No login (managed by the firm)' }}</dd>
        <dt>Consent</dt>
        <dd>
          @if (c.consent.given) { Given {{ c.consent.at | date: 'mediumDate' }} (version {{ c.consent.version }}) }
          @else if (c.consent.revokedAt) { Revoked {{ c.consent.revokedAt | date: 'mediumDate' }} }
          @else { Not given }
        </dd>
        <dt>Preparers</dt>
        <dd data-testid="client-preparers">@for (p of c.preparers; track p.id; let last = $last) { {{ p.displayName }}@if (!last) {, } } @empty { Unassigned }</dd>
      </dl>

      @if (!c.hasLogin && canOn('invite', c)) {
        <button mat-stroked-button type="button" (click)="inviteLogin(c)">Invite a login for this client</button>
      }

      <ll-accounts-imports [clientId]="c.id" [canImport]="canOn('import', c)" />
      <ll-client-billing [clientId]="c.id" [clientName]="c.displayName" />
      <ll-report-versions [clientId]="c.id" [staff]="can('generate', 'Client')" />
      <ll-client-reconciliation [clientId]="c.id" />

      @if (can('assign', 'Client')) {
        <section aria-labelledby="assign-title">
          <h2 id="assign-title">Assigned preparers</h2>
          <div class="row">
            <mat-form-field class="wide">
              <mat-label>Preparers</mat-label>
              <mat-select multiple [value]="assigned()" (valueChange)="assigned.set($event)">
                @for (m of staff(); track m.id) { <mat-option [value]="m.id">{{ m.displayName }} ({{ m.email }})</mat-option> }
              </mat-select>
            </mat-form-field>
            <button mat-flat-button type="button" (click)="saveAssignment(c)" [disabled]="busy()">Save assignment</button>
          </div>
        </section>
      }

      @if (canOn('update', c)) {
        <section aria-labelledby="settings-title">
          <h2 id="settings-title">Settings</h2>
          <form [formGroup]="form" (ngSubmit)="save(c)" class="card">
            <mat-form-field>
              <mat-label>Name</mat-label>
              <input matInput formControlName="displayName" required maxlength="200" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Email</mat-label>
              <input matInput type="email" formControlName="email" maxlength="254" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Time zone</mat-label>
              <input matInput formControlName="timeZone" required maxlength="64" />
            </mat-form-field>
            <mat-form-field>
              <mat-label>Cost-basis method</mat-label>
              <mat-select formControlName="defaultMethod">
                <mat-option value="">Firm default</mat-option>
                @for (m of methods; track m) { <mat-option [value]="m">{{ methodLabels[m] }}</mat-option> }
              </mat-select>
            </mat-form-field>
            @if (can('update', 'Billing')) {
              <mat-form-field>
                <mat-label>Report price override (USD)</mat-label>
                <input matInput formControlName="price" inputmode="decimal" placeholder="Firm price" />
                <mat-hint>Empty: the firm's price.</mat-hint>
                @if (form.controls.price.hasError('pattern')) { <mat-error>A dollar amount like 149 or 149.50.</mat-error> }
              </mat-form-field>
            }
            <button mat-flat-button type="submit" [disabled]="busy()">Save settings</button>
          </form>
        <ll-client-report-settings [client]="c" />
        </section>
      }
    } @else if (client.error()) {
      <h1>Client not found</h1>
      <p>This client does not exist or is not yours to see.</p>
    } @else {
      <p>Loading…</p>
    }
  `,
  styles: `
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
    dt { font-weight: 500; }
    dd { margin: 0; }
    .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
    .wide { min-width: 320px; }
    .card { display: grid; gap: 4px; max-width: 480px; }
  `,
})
export class ClientProfilePage {
  private readonly clients = inject(ClientsService);
  private readonly team = inject(TeamService);
  private readonly session = inject(SessionService);
  private readonly notifications = inject(NotificationsService);
  private readonly dialog = inject(MatDialog);
  protected readonly can = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal).can;
  readonly id = input.required<string>();

  protected readonly statusLabels = STATUS_LABELS;
  protected readonly methodLabels = METHOD_LABELS;
  protected readonly methods = COST_BASIS_METHODS;
  protected readonly client = rxResource({ params: () => this.id(), stream: ({ params }) => this.clients.get(params) });
  private readonly members = rxResource({
    params: () => this.can('assign', 'Client'),
    stream: ({ params }) => (params ? this.team.list() : of([])),
  });
  protected readonly clientValue = current(this.client);
  private readonly membersValue = current(this.members);
  protected readonly staff = computed(() => (this.membersValue() ?? []).filter((m) => m.active));
  protected readonly assigned = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.email]],
    timeZone: ['', [Validators.required, Validators.maxLength(64)]],
    defaultMethod: ['' as CostBasisMethod | ''],
    price: ['', [Validators.pattern(PRICE_PATTERN)]],
  });

  constructor() {
    effect(() => {
      const c = this.clientValue();
      if (c) this.load(c);
    });
  }

  protected canOn(action: 'update' | 'invite' | 'import', c: ClientDetail): boolean {
    return this.can(action, clientSubject(c, this.session.user()?.firmId ?? ''));
  }

  protected saveAssignment(c: ClientDetail): void {
    this.busy.set(true);
    this.clients.assignPreparers(c.id, this.assigned()).subscribe({
      next: (updated) => this.saved(updated, 'Assignment saved.'),
      error: () => this.busy.set(false),
    });
  }

  protected save(c: ClientDetail): void {
    if (this.form.invalid) return this.form.markAllAsTouched();
    const v = this.form.getRawValue();
    const body: UpdateClientRequest = {
      displayName: v.displayName.trim(),
      email: v.email.trim() || null,
      timeZone: v.timeZone.trim(),
      defaultMethod: v.defaultMethod || null,
      ...(this.can('update', 'Billing') ? { reportPriceOverrideUsd: v.price.trim() || null } : {}),
    };
    this.busy.set(true);
    this.clients.update(c.id, body).subscribe({
      next: (updated) => this.saved(updated, 'Settings saved.'),
      error: () => this.busy.set(false),
    });
  }

  protected inviteLogin(c: ClientDetail): void {
    this.dialog
      .open<InviteDialog, InviteData>(InviteDialog, { data: { kind: 'client', clientId: c.id, email: c.email ?? '', displayName: c.displayName } })
      .afterClosed()
      .subscribe((r) => {
        if (r) this.client.reload();
      });
  }

  private saved(updated: ClientDetail, message: string): void {
    this.busy.set(false);
    this.client.set(updated);
    this.notifications.info(message);
  }

  private load(c: ClientDetail): void {
    this.assigned.set(c.preparers.map((p) => p.id));
    this.form.reset({
      displayName: c.displayName,
      email: c.email ?? '',
      timeZone: c.timeZone,
      defaultMethod: c.defaultMethod ?? '',
      price: c.reportPriceOverrideUsd ?? '',
    });
  }
}
