import { existsSync } from 'node:fs';
import chromium from '@sparticuz/chromium';

/** Where a Chromium binary came from (logged once at launch). */
export type ChromiumSource = 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'system';

export interface ChromiumBinary {
  readonly executablePath: string;
  readonly args: readonly string[];
  readonly source: ChromiumSource;
}

/** System browsers tried last, in this order. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium'];

/** Flags for a headless print-only browser on a small server: no /dev/shm reliance, no GPU, no first-run noise. */
const COMMON_ARGS = ['--disable-dev-shm-usage', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--mute-audio'];

/**
 * The Chromium to print with: `CHROMIUM_PATH` if set (it must exist), else the binary `@sparticuz/chromium`
 * unpacks from npm (Linux x64) with its flags, else a system Chrome/Chromium.
 * `--single-process` from @sparticuz's flags is dropped unless asked for: with one renderer process per page a
 * crashed or stuck page does not take the other reports down, and a page can be killed on its own.
 */
export async function resolveChromium(env: NodeJS.ProcessEnv, singleProcess = false): Promise<ChromiumBinary> {
  const override = env['CHROMIUM_PATH']?.trim();
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH points to a missing file: ${override}`);
    return { executablePath: override, args: [...COMMON_ARGS, '--no-sandbox'], source: 'CHROMIUM_PATH' };
  }
  let bundled: string | undefined;
  try {
    bundled = process.platform === 'linux' && process.arch === 'x64' ? await chromium.executablePath() : undefined;
  } catch {
    bundled = undefined;
  }
  if (bundled !== undefined && existsSync(bundled)) {
    const args = chromium.args.filter((a) => singleProcess || a !== '--single-process');
    return { executablePath: bundled, args: [...args, ...COMMON_ARGS], source: '@sparticuz/chromium' };
  }
  const system = SYSTEM_CHROMIUM_PATHS.find((p) => existsSync(p));
  if (system === undefined) throw new Error('No Chromium found: set CHROMIUM_PATH, or install @sparticuz/chromium (Linux x64) or a system Chromium');
  return { executablePath: system, args: [...COMMON_ARGS, '--no-sandbox'], source: 'system' };
}
