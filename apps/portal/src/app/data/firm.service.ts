import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { FirmSettings, UpdateFirmSettingsRequest } from '@lotline/contracts';
import { Observable } from 'rxjs';

/** The firm's settings (read: staff; update: firm admin). */
@Injectable({ providedIn: 'root' })
export class FirmService {
  private readonly http = inject(HttpClient);

  get(): Observable<FirmSettings> {
    return this.http.get<FirmSettings>('/api/firm');
  }

  update(body: UpdateFirmSettingsRequest): Observable<FirmSettings> {
    return this.http.patch<FirmSettings>('/api/firm', body);
  }
}
