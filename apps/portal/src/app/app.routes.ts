import { Route } from '@angular/router';
import { roleGuard, signedInGuard, signedOutGuard } from './core/auth.guards';

const staff = roleGuard('firm_admin', 'preparer');
const admin = roleGuard('firm_admin');

/** Feature areas load lazily. Staff pages and the client workspace are guarded by role; the API enforces it again. */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', title: 'Lotline', loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage) },
  { path: 'sign-in', title: 'Sign in · Lotline', canActivate: [signedOutGuard], loadComponent: () => import('./features/sign-in/sign-in.page').then((m) => m.SignInPage) },
  { path: 'sign-up', title: 'Create your firm · Lotline', canActivate: [signedOutGuard], loadComponent: () => import('./features/sign-up/sign-up.page').then((m) => m.SignUpPage) },
  {
    path: 'accept-invitation',
    title: 'Accept invitation · Lotline',
    loadComponent: () => import('./features/accept-invitation/accept-invitation.page').then((m) => m.AcceptInvitationPage),
  },
  { path: 'clients', title: 'Clients · Lotline', canActivate: [staff], loadComponent: () => import('./features/clients/clients.page').then((m) => m.ClientsPage) },
  { path: 'clients/:id/preview/:year', title: 'Preview · Lotline', canActivate: [staff], loadComponent: () => import('./features/preview/preview.page').then((m) => m.PreviewPage) },
  { path: 'clients/:id', title: 'Client · Lotline', canActivate: [staff], loadComponent: () => import('./features/clients/client-profile.page').then((m) => m.ClientProfilePage) },
  { path: 'team', title: 'Team · Lotline', canActivate: [admin], loadComponent: () => import('./features/team/team.page').then((m) => m.TeamPage) },
  { path: 'audit', title: 'Audit log · Lotline', canActivate: [admin], loadComponent: () => import('./features/audit/audit.page').then((m) => m.AuditPage) },
  { path: 'settings', title: 'Settings · Lotline', canActivate: [admin], loadComponent: () => import('./features/settings/settings.page').then((m) => m.SettingsPage) },
  { path: 'warnings', title: 'Warnings · Lotline', canActivate: [staff], loadComponent: () => import('./features/warnings/warnings.page').then((m) => m.WarningsPage) },
  { path: 'reports', title: 'Reports · Lotline', canActivate: [staff], loadComponent: () => import('./features/reports/reports.page').then((m) => m.ReportsPage) },
  { path: 'workspace/preview/:year', title: 'Your tax preview · Lotline', canActivate: [roleGuard('client')], loadComponent: () => import('./features/preview/preview.page').then((m) => m.PreviewPage) },
  { path: 'workspace', title: 'Your workspace · Lotline', canActivate: [roleGuard('client')], loadComponent: () => import('./features/workspace/workspace.page').then((m) => m.WorkspacePage) },
  { path: 'account', title: 'My account · Lotline', canActivate: [signedInGuard], loadComponent: () => import('./features/account/account.page').then((m) => m.AccountPage) },
  { path: 'billing/return', title: 'Report payment · Lotline', canActivate: [signedInGuard], loadComponent: () => import('./features/billing/billing-return.page').then((m) => m.BillingReturnPage) },
  { path: '**', title: 'Not found · Lotline', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
