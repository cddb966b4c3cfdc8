// Debian's Chromium, as the browser tests run it (no browser can be downloaded here).
// The headless shell (package chromium-headless-shell) is the same engine without the
// desktop browser's compositor and UI: on 2 cores it took about 45% less CPU a navigation
// than `chromium --headless=new`, and the browser tier is CPU-bound. The full browser is
// the fallback where only it is installed.
import { existsSync } from 'node:fs';

const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const FULL_BROWSER = '/usr/bin/chromium';

export const CHROMIUM = existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : FULL_BROWSER;

export const CHROMIUM_ARGS = [
  ...(CHROMIUM === FULL_BROWSER ? ['--headless=new'] : []),
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
