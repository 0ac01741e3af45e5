import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DatePipe } from '@angular/common';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import type { Invitation, InvitationWithLink, TeamMember } from '@lotline/contracts';
import { NotificationsService } from '../../core/notifications.service';
import { SessionService } from '../../core/session.service';
import { InvitationsService } from '../../data/invitations.service';
import { TeamService } from '../../data/team.service';
import { confirmAction } from '../../shared/confirm.dialog';
import { InviteDialog, type InviteData } from '../../shared/invite.dialog';
import { ROLE_LABELS } from '../../shared/labels';
import { InvitationLinkComponent } from '../../shared/invitation-link.component';
import { current } from '../../shared/resource';

type StaffRole = TeamMember['role'];

/** Firm staff (firm admin only): invite preparers, change roles, deactivate, reset 2FA; pending invitations. */
@Component({
  selector: 'll-team-page',
  imports: [DatePipe, MatButtonModule, MatSelectModule, MatTableModule, InvitationLinkComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="head">
      <h1>Team</h1>
      <span class="spacer"></span>
      <button mat-flat-button type="button" (click)="invite()">Invite preparer</button>
    </div>
    <table mat-table [dataSource]="memberRows()" aria-label="Team members">
      <ng-container matColumnDef="name">
        <th mat-header-cell *matHeaderCellDef>Name</th>
        <td mat-cell *matCellDef="let m">{{ m.displayName }}<div class="sub">{{ m.email }}</div></td>
      </ng-container>
      <ng-container matColumnDef="role">
        <th mat-header-cell *matHeaderCellDef>Role</th>
        <td mat-cell *matCellDef="let m">
          @if (m.id === me() || !m.active) {
            {{ roleLabels[asMember(m).role] }}
          } @else {
            <mat-select [value]="m.role" (valueChange)="changeRole(m, $event)" [attr.aria-label]="'Role of ' + m.displayName">
              <mat-option value="preparer">Preparer</mat-option>
              <mat-option value="firm_admin">Firm admin</mat-option>
            </mat-select>
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="state">
        <th mat-header-cell *matHeaderCellDef>State</th>
        <td mat-cell *matCellDef="let m">{{ m.active ? 'Active' : 'Deactivated' }} · 2FA {{ m.twoFactorEnabled ? 'on' : 'off' }} · {{ m.assignedClientCount }} clients</td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
        <td mat-cell *matCellDef="let m">
          @if (m.id !== me() && m.active) {
            @if (m.twoFactorEnabled) {
              <button mat-button type="button" (click)="resetTwoFactor(m)">Reset 2FA</button>
            }
            <button mat-button type="button" (click)="deactivate(m)">Deactivate</button>
          }
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns"></tr>
      <tr mat-row *matRowDef="let row; columns: columns"></tr>
    </table>

    <h2>Invitations</h2>
    @if (lastLink(); as r) { <ll-invitation-link [result]="r" /> }
    <table mat-table [dataSource]="invitationRows()" aria-label="Invitations">
      <ng-container matColumnDef="who">
        <th mat-header-cell *matHeaderCellDef>Invited</th>
        <td mat-cell *matCellDef="let i">{{ i.displayName }}<div class="sub">{{ i.email }} · {{ i.kind }}</div></td>
      </ng-container>
      <ng-container matColumnDef="status">
        <th mat-header-cell *matHeaderCellDef>Status</th>
        <td mat-cell *matCellDef="let i">{{ i.status }} (expires {{ i.expiresAt | date: 'mediumDate' }})</td>
      </ng-container>
      <ng-container matColumnDef="actions">
        <th mat-header-cell *matHeaderCellDef><span class="cdk-visually-hidden">Actions</span></th>
        <td mat-cell *matCellDef="let i">
          @if (i.status === 'pending' || i.status === 'expired') {
            <button mat-button type="button" (click)="resend(i)">Resend</button>
          }
          @if (i.status === 'pending') {
            <button mat-button type="button" (click)="revoke(i)">Revoke</button>
          }
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="invitationColumns"></tr>
      <tr mat-row *matRowDef="let row; columns: invitationColumns"></tr>
    </table>
  `,
  styles: `
    .head { display: flex; align-items: center; gap: 8px; }
    .spacer { flex: 1; }
    .sub { font-size: 12px; color: #666; }
    table { width: 100%; margin-bottom: 24px; }
  `,
})
export class TeamPage {
  private readonly team = inject(TeamService);
  private readonly invitationsApi = inject(InvitationsService);
  private readonly notifications = inject(NotificationsService);
  private readonly dialog = inject(MatDialog);
  private readonly session = inject(SessionService);
  protected readonly me = computed(() => this.session.user()?.id ?? null);
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly columns = ['name', 'role', 'state', 'actions'];
  protected readonly invitationColumns = ['who', 'status', 'actions'];
  protected readonly members = rxResource({ stream: () => this.team.list() });
  protected readonly invitations = rxResource({ stream: () => this.invitationsApi.list() });
  private readonly membersValue = current(this.members);
  private readonly invitationsValue = current(this.invitations);
  protected readonly memberRows = computed(() => this.membersValue() ?? []);
  protected readonly invitationRows = computed(() => this.invitationsValue() ?? []);
  /** The fresh link after a resend, shown to copy. */
  protected readonly lastLink = signal<InvitationWithLink | null>(null);

  protected asMember(m: TeamMember): TeamMember {
    return m;
  }

  protected invite(): void {
    this.dialog
      .open<InviteDialog, InviteData>(InviteDialog, { data: { kind: 'preparer' } })
      .afterClosed()
      .subscribe((r) => {
        if (r) this.invitations.reload();
      });
  }

  protected changeRole(m: TeamMember, role: StaffRole): void {
    this.team.changeRole(m.id, role).subscribe({ next: () => this.done(`${m.displayName} is now ${ROLE_LABELS[role]}.`), error: () => this.members.reload() });
  }

  protected resetTwoFactor(m: TeamMember): void {
    confirmAction(this.dialog, { title: 'Reset two-factor authentication?', message: `${m.displayName} will have to enrol again at next sign-in.`, confirm: 'Reset 2FA' }).subscribe((ok) => {
      if (ok) this.team.resetTwoFactor(m.id).subscribe(() => this.done(`2FA reset for ${m.displayName}.`));
    });
  }

  protected deactivate(m: TeamMember): void {
    confirmAction(this.dialog, { title: `Deactivate ${m.displayName}?`, message: 'They can no longer sign in. Their history stays in the audit log.', confirm: 'Deactivate' }).subscribe((ok) => {
      if (ok) this.team.deactivate(m.id).subscribe(() => this.done(`${m.displayName} was deactivated.`));
    });
  }

  protected resend(i: Invitation): void {
    this.invitationsApi.resend(i.id).subscribe((r) => {
      this.lastLink.set(r);
      this.invitations.reload();
    });
  }

  protected revoke(i: Invitation): void {
    this.invitationsApi.revoke(i.id).subscribe(() => {
      this.notifications.info(`Invitation for ${i.email} revoked.`);
      this.invitations.reload();
    });
  }

  private done(message: string): void {
    this.notifications.info(message);
    this.members.reload();
  }
}
