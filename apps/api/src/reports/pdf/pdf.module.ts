import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { PdfRenderer } from './pdf-renderer';

/** The app's one PdfRenderer (CHROMIUM_PATH from the environment); the browser is closed on shutdown. */
@Injectable()
export class PdfRendererService extends PdfRenderer implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }
}

@Module({ providers: [{ provide: PdfRenderer, useFactory: () => new PdfRendererService({ env: process.env }) }], exports: [PdfRenderer] })
export class PdfModule {}
