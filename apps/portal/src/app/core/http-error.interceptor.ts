import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { describeError } from './api-error';
import { SILENT_ERRORS } from './http-context';
import { NotificationsService } from './notifications.service';

/** Every failed API call shows the API's message (unless the caller asked for silence); callers still get the error. */
export const httpErrorInterceptor: HttpInterceptorFn = (req, next) => {
  const notifications = inject(NotificationsService);
  return next(req).pipe(
    catchError((error: unknown) => {
      if (!req.context.get(SILENT_ERRORS)) notifications.error(describeError(error));
      return throwError(() => error);
    }),
  );
};
