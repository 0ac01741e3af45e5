import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { MetaResponse } from '@lotline/contracts';
import { catchError, of } from 'rxjs';

/** What the API says about itself (version, demo mode, payments), loaded once. */
@Injectable({ providedIn: 'root' })
export class MetaService {
  private readonly http = inject(HttpClient);
  readonly meta = toSignal(this.http.get<MetaResponse>('/api/meta').pipe(catchError(() => of(undefined))));
}
