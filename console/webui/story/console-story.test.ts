// The console's story in a real browser (Debian's Chromium, headless) against `./timeflow up`, started here:
// a user signs in and, by clicking only, registers a staging environment, links a dSource, reports restores
// as the staging host would, takes a SnapSync and sees the snapshot appear on the timeflow view, provisions a
// VDB, deals with a fault, runs a plugin dry run and the upgrade, takes a backup and restores it. Every page
// is photographed (target/story/screenshots) and scanned for accessibility problems; the console is also
// tried narrow, by keyboard, with a viewer's token, and with a credential the suite refuses.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { accessibilityViolations, launch, Shots } from './browser.ts';
import { HOME, Suite } from './suite.ts';
import { zip } from './zip.ts';

const OUT = resolve(process.env.CONSOLE_STORY_OUT ?? join(import.meta.dirname, '..', '..', 'target', 'story'));
const FORK = '6d5c4b3a-2f1e-4d0c-9b8a-7a6b5c4d3e2f';
const run = randomUUID().slice(0, 6);
const WAIT = { timeout: 60_000 };
const LONG = { timeout: 180_000 };

let suite: Suite;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const shots = new Shots(join(OUT, 'screenshots'));
const a11y: string[] = [];

before(async () => {
  suite = await Suite.start(OUT);
  browser = await launch();
  // bypassCSP: the accessibility scanner is injected as an inline script, which the console's policy forbids
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await suite?.stop();
});

/**
 * Transitions end at once while the story looks: a notification that fades out as the page is scanned is half
 * transparent, and the scanner then measures its text's contrast against what shows through it (a story whose steps
 * ran quicker met one). Settled, an element is either fully there or gone.
 */
const NO_TRANSITIONS = '*, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important; }';

/** A screenshot of the page and an accessibility scan of it; the scan's findings fail the story at its end. */
async function look(name: string) {
  // the change stream keeps a request open, so the network is never idle: wait for the loaders to go instead
  await page.waitForFunction(() => !document.querySelector('[aria-label^="Loading"]'), undefined, { timeout: 15_000 }).catch(() => {});
  await page.addStyleTag({ content: NO_TRANSITIONS });
  await page.waitForTimeout(300);
  await shots.take(page, name);
  for (const v of await accessibilityViolations(page)) {
    a11y.push(`${name}: ${v.id} (${v.impact}) ${v.help} at ${v.nodes.join(', ')}`);
  }
}

function dialog(name: string): Locator {
  return page.getByRole('dialog', { name });
}

/** The input labelled so (a required field's label ends with an asterisk). */
function field(scope: Locator | Page, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
}

async function choose(scope: Locator, label: string, option: string | RegExp) {
  await field(scope, label).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function nav(label: string) {
  // the link's name may go on after its label: "Faults 1 active faults" while a fault is active
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name }).click();
}

function plugin(version: 1 | 2, id: string): Buffer {
  const dir = join(HOME, 'e2e', 'src', 'main', 'resources', 'io', 'timeflow', 'e2e', 'plugin', `v${version}`);
  const read = (f: string) => readFileSync(join(dir, f), 'utf8').replaceAll('PLUGIN_ID', id);
  return zip({ 'plugin_config.yml': read('plugin_config.yml'), 'schema.json': read('schema.json'), 'src/push_plugin.py': read('src/push_plugin.py') });
}

async function reportRestore(type: string, first: string, last: string, extra: { checkpoint?: string; databaseBackup?: string } = {}) {
  await page.getByRole('button', { name: 'Report restore' }).click();
  const d = dialog('Report a restore (as the staging host does)');
  await choose(d, 'Backup type', type);
  await field(d, 'Backup file location').fill(`\\\\backup01\\sql\\sales_${type.toLowerCase()}_${last}.bak`);
  await field(d, 'First LSN').fill(first);
  await field(d, 'Last LSN').fill(last);
  await field(d, 'Checkpoint LSN').fill(extra.checkpoint ?? '');
  await field(d, 'Database backup LSN').fill(extra.databaseBackup ?? '');
  await field(d, 'Recovery fork GUID').fill(FORK);
  const replace = field(d, 'WITH REPLACE');
  if ((await replace.isChecked()) !== (type === 'FULL')) await replace.click();
  await d.getByRole('button', { name: 'Report started and completed' }).click();
  await d.waitFor({ state: 'hidden' });
}

const steps: [string, () => Promise<void>][] = [];
const step = (name: string, fn: () => Promise<void>) => steps.push([name, fn]);

let dsourceUrl = '';
let mountBase = '';
let pluginId = '';
let agentKey = '';

step('a credential the suite refuses is named, with the problem\'s title and detail', async () => {
  await page.goto(suite.consoleUrl);
  await look('sign-in');
  await field(page, 'Token or API key').fill('not-a-token');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Authentication required' }).waitFor();
  assert.match(await page.getByRole('alert').innerText(), /UNAUTHORIZED/);
});

step('an administrator signs in with ./timeflow token and the change stream goes live', async () => {
  await field(page, 'Token or API key').fill(suite.token('admin'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'dSources' }).waitFor();
  await page.getByRole('status').filter({ hasText: /^Live$/ }).waitFor(WAIT);
});

step('register a staging environment with its SQL Server instance', async () => {
  await nav('Environments');
  await page.getByRole('button', { name: 'Register environment' }).click();
  const d = dialog('Register a staging environment');
  await field(d, 'Name').fill(`sqlstage-${run}`);
  await field(d, 'Host').fill(`sqlstage-${run}.corp.example`);
  await field(d, 'Time zone').fill('Europe/Paris');
  await page.getByRole('option', { name: 'Europe/Paris' }).click();
  await d.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('heading', { name: `sqlstage-${run}` }).waitFor();
  await page.getByRole('button', { name: 'Add instance' }).click();
  const i = dialog('Add a SQL Server instance');
  await field(i, 'Version').fill('15.0.4153.1');
  await i.getByRole('button', { name: 'Add' }).click();
  await page.getByRole('cell', { name: 'MSSQLSERVER', exact: true }).waitFor();
  await look('environment');
});

step('a refused link names the fields at fault', async () => {
  await nav('dSources');
  await page.getByRole('button', { name: 'Link dSource' }).click();
  const d = dialog('Link a staging-push dSource');
  await d.getByRole('button', { name: 'Link', exact: true }).click();
  await d.getByRole('alert').waitFor();
  const text = await d.getByRole('alert').innerText();
  assert.match(text, /Request is not valid/);
  assert.match(text, /name/);
  assert.match(text, /environmentId/);
  await look('link-refused');
  await d.getByRole('button', { name: 'Cancel' }).click();
});

step('link a RESTORING-mode dSource: the suite assigns its mount base and takes the first snapshot', async () => {
  await page.getByRole('button', { name: 'Link dSource' }).click();
  const d = dialog('Link a staging-push dSource');
  await field(d, 'Name').fill(`sales-${run}`);
  await field(d, 'Staging database name').fill(`sales_stage_${run}`);
  await choose(d, 'Staging environment', new RegExp(`sqlstage-${run}`));
  await choose(d, 'SQL Server instance', /MSSQLSERVER/);
  await d.getByRole('button', { name: 'Link', exact: true }).click();
  await page.getByRole('heading', { name: `sales-${run}` }).waitFor();
  dsourceUrl = page.url();
  mountBase = (await page.getByText(/-Staging-\d+\\DATA\\DB/).first().innerText()).trim();
  assert.match(mountBase, /^C:\\Program Files\\Delphix\\DelphixConnector\\.+-Staging-\d+\\DATA\\DB$/);
  // the first snapshot, of the empty database, appears on the timeflow once snapshot-service took it
  await page.locator('[data-snapshot]').first().waitFor(WAIT);
  await look('dsource-linked');
});

step('the staging host reports the database RESTORING and a FULL, a DIFFERENTIAL and a LOG restore', async () => {
  await page.getByRole('button', { name: 'Report database state' }).click();
  const d = dialog('Report the staging database as observed');
  await d.getByRole('button', { name: 'Report' }).click();
  await d.waitFor({ state: 'hidden' });
  await reportRestore('FULL', '1000', '2000', { checkpoint: '1500' });
  await reportRestore('DIFFERENTIAL', '2500', '3000', { databaseBackup: '1500' });
  await reportRestore('LOG', '2900', '3500');
  await page.getByRole('tab', { name: 'Restores' }).click();
  await page.locator('[data-restore-row="3"]').waitFor();
  await page.getByRole('tab', { name: 'Timeflow' }).click();
  await page.locator('rect[data-restore="3"]').waitFor();
  assert.equal(await page.locator('rect[data-restore]').count(), 3);
});

step('a restore an agent reports through the API appears without reloading the page', async () => {
  await nav('API keys');
  await page.getByRole('button', { name: 'Create API key' }).click();
  const d = dialog('Create an API key');
  await field(d, 'Name').fill(`stage-host-${run}`);
  await d.getByRole('button', { name: 'Create' }).click();
  agentKey = (await page.locator('[data-api-key]').innerText()).trim();
  assert.match(agentKey, /^tfk_/);
  await look('api-keys');
  await page.goto(dsourceUrl + '?tab=restores');
  await page.locator('[data-restore-row="3"]').waitFor();
  const id = new URL(dsourceUrl).pathname.split('/').pop();
  // what a hook script on the staging host does, with its agent key, straight to staging-service
  let started: Response | null = null;
  for (let i = 0; i < 30; i++) {
    started = await fetch(`${suite.api('staging')}/api/v1/dsources/${id}/restores`, {
      method: 'POST', headers: { 'X-API-Key': agentKey, 'Content-Type': 'application/json' },
      body: JSON.stringify({ backupSet: { type: 'LOG', firstLsn: '3500', lastLsn: '4000', recoveryForkGuid: FORK, sourceReadOnly: false,
        backupFileLocation: '\\\\backup01\\sql\\sales_log_4000.trn' }, replace: false, norecovery: true }),
    });
    if (started.status !== 401) break; // a new key works once staging-service read its event
    await new Promise((r) => setTimeout(r, 500));
  }
  const startedBody = await started!.text(); // read once: the message and the answer both need it
  assert.equal(started!.status, 201, startedBody);
  const restore = JSON.parse(startedBody) as { id: string };
  await page.locator('[data-restore-row="4"]').getByText('IN PROGRESS').waitFor(WAIT);
  const done = await fetch(`${suite.api('staging')}/api/v1/dsources/${id}/restores/${restore.id}/complete`, {
    method: 'POST', headers: { 'X-API-Key': agentKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ files: [`${mountBase}\\sales_stage_${run}.mdf`, `${mountBase}\\sales_stage_${run}_log.ldf`] }),
  });
  assert.equal(done.status, 200, await done.text());
  await page.locator('[data-restore-row="4"]').getByText('COMPLETED').waitFor(WAIT);
  await look('restores-live');
});

step('SnapSync: its prerequisites, its live steps, and the snapshot appearing on the timeflow view', async () => {
  await page.getByRole('tab', { name: 'SnapSync' }).click();
  await page.locator('[data-prerequisite]').first().waitFor();
  await page.getByText('ready', { exact: true }).waitFor(WAIT);
  await look('snapsync-prerequisites');
  await page.getByRole('tab', { name: 'Timeflow' }).click();
  const before = await page.locator('[data-snapshot]').count();
  await page.getByRole('button', { name: 'SnapSync', exact: true }).click();
  const job = field(page, 'SnapSync job');
  await job.waitFor();
  await page.locator('[data-job-state="SUCCEEDED"]').waitFor(LONG);
  await page.waitForFunction((n) => document.querySelectorAll('[data-snapshot]').length > n, before, WAIT);
  await look('snapsync-and-timeflow');
});

step('select the snapshot by keyboard and provision a VDB from it: the VDB hangs off the snapshot', async () => {
  const last = page.locator('g[data-snapshot]').last();
  await last.focus();
  await page.keyboard.press('Enter');
  const selected = field(page, 'Selected snapshot');
  await selected.waitFor();
  assert.match(await selected.innerText(), /LOG LSN 3500 to 4000/);
  assert.match(await selected.innerText(), /Europe\/Paris/);
  await selected.getByRole('button', { name: 'Provision VDB' }).click();
  const d = dialog('Provision a VDB from this snapshot');
  await field(d, 'VDB name').fill(`sales-dev-${run}`);
  await choose(d, 'Target environment', new RegExp(`sqlstage-${run}`));
  await d.getByRole('button', { name: 'Provision' }).click();
  await page.locator(`[data-vdb="sales-dev-${run}"]`).waitFor(WAIT);
  await look('timeflow-with-vdb');
});

step('a state the mode cannot monitor raises a fault, resolved from the console, and gone with its condition', async () => {
  await page.getByRole('button', { name: 'Report database state' }).click();
  const d = dialog('Report the staging database as observed');
  await choose(d, 'State', 'ONLINE');
  await d.getByRole('button', { name: 'Report' }).click();
  await page.locator('[data-fault="CANNOT_MONITOR"]').first().waitFor(WAIT);
  await nav('Faults');
  await page.locator('[data-fault="CANNOT_MONITOR"]').first().waitFor();
  await look('faults');
  await page.getByRole('button', { name: 'Resolve CANNOT_MONITOR' }).first().click();
  await page.locator('[data-fault="CANNOT_MONITOR"]').first().waitFor({ state: 'detached', ...WAIT });
  await page.goto(dsourceUrl);
  await page.getByRole('button', { name: 'Report database state' }).click();
  await dialog('Report the staging database as observed').getByRole('button', { name: 'Report' }).click();
  await page.locator('[data-fault="CANNOT_MONITOR"]').first().waitFor({ state: 'detached', ...WAIT });
});

step('disable and enable, detach and attach the dSource', async () => {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  await button('Disable').click();
  await button('Enable').click();
  await button('Disable').waitFor();
  await button('Detach').click();
  await button('Attach').click();
  const d = dialog('Link (attach) the dSource again');
  await d.getByRole('button', { name: 'Attach', exact: true }).click();
  await button('Detach').waitFor();
  // attached again, it stays disabled until enabled
  await button('Enable').click();
  await button('Disable').waitFor();
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('cell', { name: /detached/i }).first().waitFor();
  await look('dsource-history');
});

step('a sync policy the dSource follows', async () => {
  await nav('Sync policies');
  await page.getByRole('button', { name: 'Create sync policy' }).click();
  const d = dialog('Create a sync policy');
  await field(d, 'Name').fill(`nightly-${run}`);
  await field(d, 'Keep the newest').fill('7');
  await d.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: `nightly-${run}` }).waitFor();
  await choose(page.locator('main'), 'Add a dSource', `sales-${run}`);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('link', { name: `sales-${run}` }).waitFor();
  await look('sync-policy');
});

step('install a plugin and give it an object', async () => {
  pluginId = `console-story-${run}`;
  await nav('Plugins');
  await page.getByRole('button', { name: 'Install plugin' }).click();
  const d = dialog('Install a plugin');
  await d.locator('input[type="file"]').setInputFiles({ name: 'plugin-v1.zip', mimeType: 'application/zip', buffer: plugin(1, pluginId) });
  await d.getByRole('button', { name: 'Install' }).click();
  await page.getByRole('heading', { name: /end-to-end story/ }).waitFor();
  await page.getByRole('tab', { name: 'Objects' }).click();
  await page.getByRole('button', { name: 'Add object' }).click();
  const o = dialog('Add an object');
  await choose(o, 'Type', 'LINKED_SOURCE');
  await field(o, 'Data (JSON)').fill(JSON.stringify({ stagingDatabase: `sales_stage_${run}` }));
  await o.getByRole('button', { name: 'Add' }).click();
  await page.getByText(`sales_stage_${run}`).first().waitFor();
});

step('a dry run of the upgrade reports object by object, then the upgrade runs with live progress', async () => {
  await page.getByRole('button', { name: 'Upgrade', exact: true }).click();
  const d = dialog('Upgrade the plugin');
  await d.locator('input[type="file"]').setInputFiles({ name: 'plugin-v2.zip', mimeType: 'application/zip', buffer: plugin(2, pluginId) });
  assert.equal(await d.getByLabel(/Dry run first/).isChecked(), true);
  await d.getByRole('button', { name: 'Start dry run' }).click();
  await page.getByRole('heading', { name: 'Dry run 1.0 → 2.0' }).waitFor();
  await page.getByRole('button', { name: 'Upgrade for real' }).waitFor(LONG);
  await page.getByRole('cell', { name: 'MIGRATED', exact: true }).waitFor(WAIT);
  assert.match(await field(page, 'Per-object report').innerText(), /restoreChecksum/);
  await look('plugin-dry-run');
  await page.getByRole('button', { name: 'Upgrade for real' }).click();
  await page.getByRole('heading', { name: 'Upgrade 1.0 → 2.0' }).waitFor();
  await page.getByRole('progressbar').waitFor();
  await page.getByText('SUCCEEDED').first().waitFor(LONG);
  await page.getByRole('cell', { name: 'MIGRATED', exact: true }).waitFor(WAIT);
  await look('plugin-upgrade');
});

let backupId = '';
step('take a backup of the whole suite and watch its steps', async () => {
  await nav('Backups and restores');
  await page.getByRole('button', { name: 'Take backup' }).click();
  await page.getByRole('heading', { name: /^Backup / }).waitFor();
  backupId = new URL(page.url()).pathname.split('/').pop()!;
  await page.getByText('SUCCEEDED').first().waitFor(LONG);
  await field(page, 'Steps').waitFor();
  await look('backup');
});

step('restoring needs the destructive confirmation; the restore runs with live steps', async () => {
  await page.getByRole('button', { name: 'Restore…' }).click();
  const d = dialog('Restore the whole suite from this backup');
  await d.getByRole('button', { name: 'Restore and replace all data' }).click();
  await d.getByRole('alert').filter({ hasText: 'Not confirmed' }).waitFor();
  await look('restore-confirmation');
  await d.getByLabel(/I understand/).check();
  await d.getByLabel(/Type the backup id/).fill(backupId);
  await d.getByRole('button', { name: 'Restore and replace all data' }).click();
  await page.getByRole('heading', { name: /^Restore / }).waitFor();
  await page.getByText('SUCCEEDED').first().waitFor(LONG);
  await look('restore');
});

step('a viewer is not offered what a viewer may not do', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await field(page, 'Token or API key').fill(suite.token('viewer'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  // signed in once the suite accepted the credential (kept for this tab): only then open another address
  await page.getByRole('button', { name: 'Sign out' }).waitFor(WAIT);
  await page.goto(dsourceUrl);
  await page.getByRole('heading', { name: `sales-${run}` }).waitFor();
  for (const name of ['SnapSync', 'Disable', 'Detach', 'Report restore', 'Report database state']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `a viewer is offered ${name}`);
  }
  const navigation = page.getByRole('navigation', { name: 'Main navigation' });
  assert.equal(await navigation.getByRole('link', { name: 'API keys' }).count(), 0);
  await page.locator('[data-snapshot]').first().waitFor();
  await look('viewer');
});

step('on a narrow window the navigation folds away and nothing spills sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(suite.consoleUrl + 'dsources');
  await page.getByRole('heading', { name: 'dSources' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `the page is ${overflow} px wider than the window`);
  await page.getByRole('button', { name: 'Open navigation' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Plugins' }).waitFor();
  await look('narrow');
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('the console story', { timeout: 20 * 60_000 }, async (t) => {
  let failed = false;
  for (const [name, fn] of steps) {
    await t.test(name, { skip: failed ? 'an earlier step failed' : false }, async () => {
      try {
        await fn();
      } catch (e) {
        failed = true;
        await shots.take(page, 'failure').catch(() => {});
        throw e;
      }
    });
  }
  await t.test('every page passes the accessibility scan (WCAG 2.1 A and AA)', { skip: failed ? 'an earlier step failed' : false }, () => {
    assert.deepEqual(a11y, []);
  });
});
