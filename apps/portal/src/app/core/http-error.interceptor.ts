import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { describeError } from './api-error';
import { NotificationsService } from './notifications.service';

/** Every failed API call shows the API's message; callers still get the error to react to. */
export const httpErrorInterceptor: HttpInterceptorFn = (req, next) => {
  const notifications = inject(NotificationsService);
  return next(req).pipe(
    catchError((error: unknown) => {
      notifications.error(describeError(error));
      return throwError(() => error);
    }),
  );
};
