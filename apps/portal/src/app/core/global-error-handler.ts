import { ErrorHandler, Injectable, inject } from '@angular/core';
import { describeError } from './api-error';
import { NotificationsService } from './notifications.service';

/** Uncaught errors anywhere in the portal become a visible notice instead of a silent console entry. */
@Injectable()
export class GlobalErrorHandler implements ErrorHandler {
  private readonly notifications = inject(NotificationsService);

  handleError(error: unknown): void {
    console.error(error);
    this.notifications.error(describeError(error));
  }
}
