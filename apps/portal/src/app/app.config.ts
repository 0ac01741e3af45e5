import { ApplicationConfig, ErrorHandler, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { appRoutes } from './app.routes';
import { provideAppAbility } from './core/ability';
import { authInterceptor } from './core/auth.interceptor';
import { GlobalErrorHandler } from './core/global-error-handler';
import { httpErrorInterceptor } from './core/http-error.interceptor';
import { SessionService } from './core/session.service';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding()),
    // The error interceptor is outermost: it sees a call's final outcome, after any refresh-and-retry.
    provideHttpClient(withInterceptors([httpErrorInterceptor, authInterceptor])),
    provideAppAbility(),
    // Restore the session from the refresh cookie before the first navigation, so guards see it.
    provideAppInitializer(() => firstValueFrom(inject(SessionService).refresh())),
    { provide: ErrorHandler, useClass: GlobalErrorHandler },
  ],
};
