import { Route } from '@angular/router';

/** Feature areas load lazily; each arrives with its issue (accounts, imports, warnings, reports, settings). */
export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', title: 'Lotline', loadComponent: () => import('./features/home/home.page').then((m) => m.HomePage) },
  { path: 'sign-in', title: 'Sign in · Lotline', loadComponent: () => import('./features/sign-in/sign-in.page').then((m) => m.SignInPage) },
  { path: 'clients', title: 'Clients · Lotline', loadComponent: () => import('./features/clients/clients.page').then((m) => m.ClientsPage) },
  { path: 'warnings', title: 'Warnings · Lotline', loadComponent: () => import('./features/warnings/warnings.page').then((m) => m.WarningsPage) },
  { path: 'reports', title: 'Reports · Lotline', loadComponent: () => import('./features/reports/reports.page').then((m) => m.ReportsPage) },
  { path: 'settings', title: 'Settings · Lotline', loadComponent: () => import('./features/settings/settings.page').then((m) => m.SettingsPage) },
  { path: '**', title: 'Not found · Lotline', loadComponent: () => import('./features/not-found/not-found.page').then((m) => m.NotFoundPage) },
];
