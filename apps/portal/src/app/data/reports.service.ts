import { HttpClient, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ReportFileView, ReportGateView, ReportVersionView } from '@lotline/contracts';
import { Observable, map } from 'rxjs';
import { silent } from '../core/http-context';

/** How often a queued or running generation is asked for its state. */
export const REPORT_POLL_MS = 1000;

/** A version that will not change any more (apart from being superseded). */
export function isSettled(v: Pick<ReportVersionView, 'status'>): boolean {
  return v.status === 'succeeded' || v.status === 'failed';
}

export interface DownloadedFile {
  readonly fileName: string;
  readonly blob: Blob;
}

const base = (clientId: string, taxYear: number) => `/api/clients/${encodeURIComponent(clientId)}/tax-years/${taxYear}/reports`;
const versionBase = (clientId: string, versionId: string) => `/api/clients/${encodeURIComponent(clientId)}/reports/${encodeURIComponent(versionId)}`;

/** The file name the server chose (Content-Disposition), else a fallback. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  const star = contentDisposition ? /filename\*=UTF-8''([^;]+)/i.exec(contentDisposition) : null;
  if (star) return decodeURIComponent(star[1]);
  const plain = contentDisposition ? /filename="([^"]+)"/i.exec(contentDisposition) : null;
  return plain?.[1] ?? fallback;
}

/** Final report sets of a client and tax year: the gate, generation, versions, and downloads (audited by the API). */
@Injectable({ providedIn: 'root' })
export class ReportsService {
  private readonly http = inject(HttpClient);

  gate(clientId: string, taxYear: number): Observable<ReportGateView> {
    return this.http.get<ReportGateView>(`${base(clientId, taxYear)}/gate`);
  }

  versions(clientId: string, taxYear: number): Observable<ReportVersionView[]> {
    return this.http.get<ReportVersionView[]>(base(clientId, taxYear));
  }

  /** 202 with the queued version; 409 with the reasons when the gate is closed (the caller shows them: silent). */
  generate(clientId: string, taxYear: number): Observable<ReportVersionView> {
    return this.http.post<ReportVersionView>(base(clientId, taxYear), {}, { context: silent() });
  }

  downloadFile(clientId: string, versionId: string, file: Pick<ReportFileView, 'id' | 'fileName'>): Observable<DownloadedFile> {
    return this.blob(`${versionBase(clientId, versionId)}/files/${encodeURIComponent(file.id)}`, file.fileName);
  }

  downloadZip(clientId: string, version: Pick<ReportVersionView, 'id' | 'taxYear' | 'version'>): Observable<DownloadedFile> {
    return this.blob(`${versionBase(clientId, version.id)}/zip`, `report-${version.taxYear}-v${version.version}.zip`);
  }

  private blob(url: string, fallback: string): Observable<DownloadedFile> {
    return this.http
      .get(url, { responseType: 'blob', observe: 'response' })
      .pipe(map((r: HttpResponse<Blob>) => ({ fileName: fileNameOf(r.headers.get('content-disposition'), fallback), blob: r.body ?? new Blob([]) })));
  }
}

/** Hands a downloaded file to the browser as a download (the API needs the bearer token, so no plain link). */
export function saveFile(doc: Document, file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
