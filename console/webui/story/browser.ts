// Debian's Chromium, headless, driven by playwright-core (no browser is downloaded), and the checks the story
// makes on every page: a screenshot, and an accessibility scan (axe-core, WCAG 2.1 A and AA).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM = process.env.CONSOLE_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // the flags that work on these machines: no sandbox as root, no GPU, and no background traffic to
      // hosts the closed network refuses (playwright gives every launch a fresh user data directory)
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
  } catch (e) {
    throw new Error(`cannot start Chromium at ${CHROMIUM} (apt-get install chromium, or set CONSOLE_CHROMIUM): ${(e as Error).message}`);
  }
}

export class Shots {
  private n = 0;
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async take(page: Page, name: string): Promise<string> {
    this.n++;
    const file = join(this.dir, `${String(this.n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** The WCAG 2.1 A and AA violations axe finds on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    // @ts-expect-error axe is the script just added
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) => ({
      id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}
