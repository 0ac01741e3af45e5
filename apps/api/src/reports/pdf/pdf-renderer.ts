import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { resolveChromium, type ChromiumBinary } from './chromium-executable';
import { mergePdfs } from './pdf-merge';

export interface PdfRendererOptions {
  /** Environment to read CHROMIUM_PATH from (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Longest a single render may take before its page (or, if stuck, the browser) is killed. Default 120 s. */
  readonly renderTimeoutMs?: number;
  /** Pages rendering at once; further renders wait their turn. Default 2 (the PDF step is CPU bound). */
  readonly maxConcurrentPages?: number;
  /** After a timeout, how long the stuck page may take to close before the whole browser is killed. Default 10 s. */
  readonly stuckPageGraceMs?: number;
  /** Keep @sparticuz/chromium's --single-process flag (one process, less memory, no isolation). Default false. */
  readonly singleProcess?: boolean;
}

export interface PdfRenderOptions {
  readonly landscape?: boolean;
  /** Overrides the renderer's timeout for this render. */
  readonly timeoutMs?: number;
}

export class PdfRenderTimeoutError extends Error {
  constructor(ms: number) {
    super(`PDF render timed out after ${ms} ms`);
    this.name = 'PdfRenderTimeoutError';
  }
}

interface LiveBrowser {
  readonly browser: Browser;
  readonly pid: number;
  readonly exited: Promise<void>;
}

/**
 * Prints HTML to PDF with one shared headless Chromium (puppeteer-core): launched on first use, a fresh page per
 * render, relaunched if it died, killed (whole process group) when a render times out and its page cannot be
 * closed, and closed on shutdown. Chromium's profile, XDG config and cache live in a temp dir removed on close.
 */
export class PdfRenderer {
  private readonly log = new Logger(PdfRenderer.name);
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly maxPages: number;
  private readonly singleProcess: boolean;
  private readonly graceMs: number;
  private live: Promise<LiveBrowser> | null = null;
  private binary: ChromiumBinary | null = null;
  private tempDir: string | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  /** How many browsers were launched so far (a relaunch after a crash or a timeout counts). */
  launches = 0;

  constructor(options: PdfRendererOptions = {}) {
    this.env = options.env ?? process.env;
    this.timeoutMs = options.renderTimeoutMs ?? 120_000;
    this.maxPages = Math.max(1, options.maxConcurrentPages ?? 2);
    this.singleProcess = options.singleProcess ?? false;
    this.graceMs = options.stuckPageGraceMs ?? 10_000;
  }

  /** Renders a full HTML document (with its own @page CSS) to PDF bytes. */
  async render(html: string, options: PdfRenderOptions = {}): Promise<Buffer> {
    if (this.closed) throw new Error('PdfRenderer is closed');
    await this.acquire();
    try {
      return await this.renderOnce(html, options);
    } finally {
      this.release();
    }
  }

  /**
   * Renders several HTML documents (e.g. renderForm8949HtmlChunks) one after the other and concatenates the PDFs in
   * order: large reports stay within memory because Chromium never lays out more than one chunk at a time.
   */
  async renderChunks(htmls: readonly string[], options: PdfRenderOptions = {}): Promise<Buffer> {
    const pdfs: Buffer[] = [];
    for (const html of htmls) pdfs.push(await this.render(html, options));
    return mergePdfs(pdfs);
  }

  /** Pid of the running browser (its process group id too), if one is up. */
  async browserPid(): Promise<number | undefined> {
    if (this.live === null) return undefined;
    try {
      return (await this.live).pid;
    } catch {
      return undefined;
    }
  }

  /** Closes the browser (killing it if it does not close in 5 s) and removes the temp profile. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.live = null;
    if (live !== null) {
      try {
        await this.shutdown(await live);
      } catch {
        // launch had failed: nothing runs
      }
    }
    if (this.tempDir !== null) {
      rmSync(this.tempDir, { recursive: true, force: true });
      this.tempDir = null;
    }
  }

  private async renderOnce(html: string, options: PdfRenderOptions): Promise<Buffer> {
    const live = await this.browser();
    const ms = options.timeoutMs ?? this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PdfRenderTimeoutError(ms)), ms);
    });
    const pagePromise = live.browser.newPage();
    pagePromise.catch(() => undefined);
    const work = (async () => {
      const page = await pagePromise;
      // Reports are self-contained: no scripts, and nothing is fetched (defence in depth against injected markup).
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => void (request.url().startsWith('data:') ? request.continue() : request.abort('blockedbyclient')).catch(() => undefined));
      await page.setContent(html, { waitUntil: 'load', timeout: 0 });
      const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, landscape: options.landscape ?? false, tagged: false, outline: false, timeout: 0 });
      return Buffer.from(pdf);
    })();
    work.catch(() => undefined);
    try {
      return await Promise.race([work, timeout]);
    } catch (e) {
      if (e instanceof PdfRenderTimeoutError) await this.abandon(live, pagePromise);
      throw e;
    } finally {
      clearTimeout(timer);
      void pagePromise.then((page) => (page.isClosed() ? undefined : page.close())).catch(() => undefined);
    }
  }

  /**
   * After a timeout: close the stuck page within the grace period, or kill the whole browser (the next render
   * relaunches; renders of other reports in flight on that browser fail too and must be retried by their job).
   */
  private async abandon(live: LiveBrowser, pagePromise: Promise<Page>): Promise<void> {
    if (this.graceMs > 0) {
      const grace = new Promise<boolean>((ok) => setTimeout(() => ok(false), this.graceMs).unref());
      const closed = pagePromise.then((page) => page.close()).then(() => true, () => false);
      if (await Promise.race([closed, grace])) return;
    }
    this.log.warn(`render timed out; killing Chromium ${live.pid}`);
    if (this.live !== null && (await this.live.catch(() => null)) === live) this.live = null;
    await this.kill(live);
  }

  private browser(): Promise<LiveBrowser> {
    if (this.live === null) {
      const launching = this.launch();
      this.live = launching;
      launching.catch(() => {
        if (this.live === launching) this.live = null;
      });
    }
    return this.live;
  }

  private async launch(): Promise<LiveBrowser> {
    this.binary ??= await resolveChromium(this.env, this.singleProcess);
    this.tempDir ??= mkdtempSync(join(tmpdir(), 'lotline-chromium-'));
    const dir = this.tempDir;
    const browser = await puppeteer.launch({
      executablePath: this.binary.executablePath,
      args: [...this.binary.args],
      headless: true,
      userDataDir: join(dir, 'profile'),
      env: { ...this.env, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      protocolTimeout: 0,
    });
    const child = browser.process();
    if (child === null || child.pid === undefined) {
      await browser.close();
      throw new Error('Chromium started without a process');
    }
    this.launches++;
    const pid = child.pid;
    const exited = new Promise<void>((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) ok();
      else child.once('exit', () => ok());
    });
    const live: LiveBrowser = { browser, pid, exited };
    browser.once('disconnected', () => {
      // Crashed or killed from outside: forget it (the next render relaunches) and make sure the group is gone.
      void this.live?.then((current) => {
        if (current === live) this.live = null;
      }, () => undefined);
      this.killGroup(pid);
    });
    this.log.log(`Chromium ${pid} started (${this.binary.source}: ${this.binary.executablePath})`);
    return live;
  }

  private async shutdown(live: LiveBrowser): Promise<void> {
    const closed = await Promise.race([live.browser.close().then(() => true, () => false), new Promise<boolean>((ok) => setTimeout(() => ok(false), 5000).unref())]);
    if (!closed) await this.kill(live);
    else await live.exited;
    this.killGroup(live.pid);
  }

  /** SIGKILLs the browser's process group and waits until Node has reaped the browser process (no zombie). */
  private async kill(live: LiveBrowser): Promise<void> {
    this.killGroup(live.pid);
    live.browser.disconnect().catch(() => undefined);
    await live.exited;
  }

  private killGroup(pid: number): void {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.maxPages) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((ok) => this.waiting.push(ok));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next !== undefined) next();
    else this.active--;
  }
}
