import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { AbilityServiceSignal } from '@casl/angular';
import type { AppAbility } from '@lotline/authz';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MetaService } from './core/meta.service';
import { NotificationsService } from './core/notifications.service';
import { SessionService } from './core/session.service';

@Component({
  selector: 'll-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar class="shell-bar">
      <a routerLink="/" class="brand" aria-label="Lotline home">Lotline</a>
      <nav aria-label="Main">
        @if (session.isStaff()) {
          <a mat-button routerLink="/clients" routerLinkActive="active">Clients</a>
          <a mat-button routerLink="/warnings" routerLinkActive="active">Warnings</a>
          <a mat-button routerLink="/reports" routerLinkActive="active">Reports</a>
          @if (can('update', 'Team')) {
            <a mat-button routerLink="/team" routerLinkActive="active">Team</a>
          }
          @if (can('read', 'Audit')) {
            <a mat-button routerLink="/audit" routerLinkActive="active">Audit log</a>
          }
          @if (can('update', 'Firm')) {
            <a mat-button routerLink="/settings" routerLinkActive="active">Settings</a>
          }
        } @else if (session.signedIn()) {
          <a mat-button routerLink="/workspace" routerLinkActive="active">Workspace</a>
        }
      </nav>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        <a mat-button routerLink="/account" class="who" aria-label="My account">{{ user.displayName }} · {{ user.firmName }}</a>
        <button mat-stroked-button type="button" (click)="signOut()">Sign out</button>
      } @else {
        <a mat-stroked-button routerLink="/sign-in">Sign in</a>
      }
    </mat-toolbar>
    @if (meta()?.demo) {
      <div class="demo-banner" role="note">Demo installation: sample firm and clients, no real data.</div>
    }
    <section class="notices" aria-live="polite">
      @for (notice of notifications.notices(); track notice.id) {
        <div class="notice" [class.error]="notice.kind === 'error'" role="alert">
          <span>{{ notice.text }}</span>
          <button mat-icon-button type="button" (click)="notifications.dismiss(notice.id)" aria-label="Dismiss">×</button>
        </div>
      }
    </section>
    <main>
      <router-outlet />
    </main>
    <footer>Lotline {{ meta()?.version ?? '' }}</footer>
  `,
  styles: `
    :host { display: flex; flex-direction: column; min-height: 100vh; }
    .shell-bar { gap: 8px; }
    .brand { font-weight: 600; color: inherit; text-decoration: none; margin-right: 16px; }
    .spacer { flex: 1; }
    .who { font-size: 14px; }
    .active { text-decoration: underline; }
    .demo-banner { background: #fff4d6; padding: 6px 16px; font-size: 14px; }
    .notices { position: fixed; bottom: 16px; right: 16px; display: grid; gap: 8px; z-index: 10; }
    .notice { display: flex; align-items: center; gap: 8px; background: #e8f0fe; padding: 8px 12px; border-radius: 4px; }
    .notice.error { background: #fde8e8; }
    main { flex: 1; padding: 24px; max-width: 1200px; width: 100%; margin: 0 auto; box-sizing: border-box; }
    footer { padding: 8px 16px; font-size: 12px; color: #666; }
  `,
})
export class App {
  protected readonly session = inject(SessionService);
  protected readonly notifications = inject(NotificationsService);
  protected readonly meta = inject(MetaService).meta;
  protected readonly can = inject<AbilityServiceSignal<AppAbility>>(AbilityServiceSignal).can;
  private readonly router = inject(Router);

  protected signOut(): void {
    this.session.signOut().subscribe(() => void this.router.navigateByUrl('/sign-in'));
  }
}
