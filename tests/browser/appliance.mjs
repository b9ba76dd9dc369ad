// SPDX-License-Identifier: GPL-2.0
// The dashboard against the QEMU appliance (issue #8's acceptance): with
// the token the appliance printed, sign in, enable the hypervisor if
// needed (storing the shipped configs through the Configs page), create
// the demo2 cell from its config, load the timer-jitter image, start it,
// watch the chart receive reports, see it publishing jitter statistics
// on its ivshmem link (the Cells page's links), find the cell's lines on
// the console page, shut the cell down and destroy it, each confirmed. No browser
// console errors allowed. Run by tests/qemu/webui_appliance.host.sh:
//
//   node appliance.mjs URL TOKEN ARTIFACTS NODE_DEPS IMAGE CONFIGS_DIR

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [url, token, artifacts, depsDir, image, configsDir] =
	process.argv.slice(2);
if (!configsDir) {
	console.error('usage: appliance.mjs URL TOKEN ARTIFACTS NODE_DEPS ' +
		      'IMAGE CONFIGS_DIR');
	process.exit(2);
}
const { chromium } = createRequire(path.join(depsDir, 'package.json'))(
	'playwright-core');
fs.mkdirSync(artifacts, { recursive: true });

const consoleErrors = [];
const sleep = ms => new Promise(r => setTimeout(r, ms));

// Poll from here (the CSP refuses page.waitForFunction's eval).
async function until(what, fn, timeoutMs = 20000) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (!(last = await fn())) {
		if (Date.now() > deadline)
			throw new Error(`timed out (${timeoutMs} ms) waiting ` +
					`for ${what}`);
		await sleep(100);
	}
	console.log(`ok   ${what}`);
	return last;
}

async function shot(page, name) {
	await page.waitForTimeout(150);	// fonts and canvas settle
	await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

// Store a shipped config through the Configs page (file upload, Save).
async function storeConfig(page, file) {
	await page.goto(`${url}/#/configs`);
	await page.getByText('Upload or paste a config').waitFor();
	await page.getByLabel('JSON file').setInputFiles(path.join(configsDir,
		file));
	const name = await until(`${file} in the editor`, async () =>
		(await page.locator('#cfg-text').inputValue()).length > 100 &&
		page.getByLabel('Name').inputValue());
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.getByText(/^Stored as /).waitFor();
	const stored = (await page.getByText(/^Stored as /).innerText())
		.replace(/^Stored as /, '').trim();
	console.log(`ok   ${file} stored as ${stored} (name field ${name})`);
	return stored;
}

async function main() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-chromium-'));
	const ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu',
			'--disable-quic', '--no-first-run',
			'--disable-background-networking',
			'--disable-component-update', '--disable-sync'],
		headless: true, viewport: { width: 1280, height: 800 },
	});
	// Under TCG the appliance answers slowly: generous, still bounded.
	ctx.setDefaultTimeout(30000);
	try {
		const page = await ctx.newPage();
		page.on('console', m => {
			if (m.type() === 'error')
				consoleErrors.push(`${m.text()} @ ${page.url()}`);
		});
		page.on('pageerror', e =>
			consoleErrors.push(`pageerror: ${e.message}`));

		// Sign in with the appliance's admin token.
		await page.goto(url + '/');
		await page.waitForURL(/#\/signin$/);
		await page.getByLabel('Access token').fill(token);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/#\/overview$/);
		await page.locator('#conn[data-state="open"]').waitFor();
		await page.locator('#hv-title').waitFor();
		console.log('ok   signed in: ' +
			await page.locator('#who').innerText());
		await shot(page, '01-overview');

		// The shipped configs, stored through the UI.
		const system = await storeConfig(page, 'qemu-arm64.json');
		const cellCfg = await storeConfig(page,
			'qemu-arm64-demo2.json');
		await shot(page, '02-configs');

		// Enable if needed.
		await page.getByRole('link', { name: 'Overview' }).click();
		const title = page.locator('#hv-title');
		await title.waitFor();
		if (/disabled/.test(await title.innerText())) {
			await page.getByLabel('System config')
				.selectOption(system);
			await page.getByRole('button',
				{ name: 'Enable hypervisor' }).click();
		}
		await title.getByText('Hypervisor enabled').waitFor();
		await page.locator('#cpus li').first().waitFor();
		console.log('ok   hypervisor enabled; CPUs: ' + (await page
			.locator('#cpus li').allInnerTexts()).map(t =>
			t.replace(/\s+/g, ' ')).join(', '));

		// Create, load, start from the Cells page.
		await page.getByRole('link', { name: 'Cells' }).click();
		await page.getByLabel('Create a cell from config')
			.selectOption(cellCfg);
		await page.getByRole('button', { name: 'Create' }).click();
		const row = page.locator('tr[data-cell="demo2"]');
		const badge = st => row.locator('.badge').filter(
			{ hasText: new RegExp(`^${st}$`) });
		await badge('shut down').waitFor();
		console.log('ok   cell demo2 created');
		await row.getByRole('button', { name: 'Load image…' }).click();
		await page.getByLabel('Image for demo2').setInputFiles(image);
		assert.equal(await page.getByLabel('Load address').inputValue(),
			     '0x0');
		await page.getByRole('button', { name: 'Load', exact: true })
			.click();
		await page.locator('#notice').getByText(
			`Loaded timer-jitter.bin into demo2 (${fs.statSync(image)
			.size} bytes at 0x0)`).waitFor();
		console.log('ok   image loaded');
		await row.getByRole('button', { name: 'Start' }).click();
		await badge('running').waitFor();
		console.log('ok   cell demo2 running');
		await shot(page, '03-cells-running');

		// The overview shows the cell's CPU and memory.
		await page.getByRole('link', { name: 'Overview' }).click();
		await page.locator('#cpus li[data-cpu="2"]').filter(
			{ hasText: 'demo2' }).waitFor();
		assert.match(await page.locator(
			'#memmap tr[data-owner="demo2"]').innerText(),
			/0x70100000\s+0x701fffff\s+1\.0 MiB/);
		// demo2's ivshmem link stays the root cell's, shared.
		assert.match(await page.locator('#memmap tr[data-shared="yes"]')
			.first().innerText(),
			/^0x7ee00000\s+0x7ee00fff\s+4\.0 KiB\s+root cell, shared with demo2/);
		console.log('ok   overview: CPU 2 and 0x70100000 owned by demo2, ' +
			'its link shared with the root cell');
		await shot(page, '04-overview-cell');

		// Jitter: the chart receives reports.
		await page.getByRole('link', { name: 'Cells' }).click();
		await row.getByRole('link', { name: 'Jitter' }).click();
		const count = async () => Number((/(\d+) reports received/
			.exec(await page.locator('#jitter-count').innerText()) ||
			[0, 0])[1]);
		await until('3 jitter reports in the view', async () =>
			await count() >= 3);
		const seq1 = Number(await page.locator('#n-seq').innerText());
		const n1 = await count();
		await until('more reports, a later window', async () =>
			await count() > n1 && Number(await page.locator('#n-seq')
				.innerText()) > seq1);
		for (const k of ['cur_ns', 'min_ns', 'avg_ns', 'max_ns'])
			assert.match(await page.locator(`#n-${k}`).innerText(),
				     /^[\d.]+ (ns|µs|ms)$/, k);
		assert.equal(await page.locator('#n-samples').innerText(),
			     '100');
		// demo2's ivshmem link carries the windows (webd prefers it).
		assert.equal(await page.locator('#n-source').innerText(),
			     'shared memory (ivshmem)');
		const hist = (await page.locator('.hist-table tbody td:nth-child(2)')
			.allTextContents()).map(Number);
		assert.equal(hist.length, 16);
		assert.equal(hist.reduce((a, b) => a + b, 0), 100);
		const inked = await page.locator('canvas.chart').first()
			.evaluate(c => {
				const d = c.getContext('2d').getImageData(0, 0,
					c.width, c.height).data;
				let n = 0;
				for (let i = 3; i < d.length; i += 4)
					n += d[i] > 0;
				return n;
			});
		assert.ok(inked > 5000, `chart pixels drawn: ${inked}`);
		console.log(`ok   chart: ${await count()} reports, window ` +
			`${await page.locator('#n-seq').innerText()}, ` +
			`max ${await page.locator('#n-max_ns').innerText()}`);
		await shot(page, '05-jitter');

		// The links on the Cells page: demo2 behind 00:01.0, publishing
		// jitter statistics (its name links to its jitter page);
		// nothing behind 00:00.0 (the demo cell was not created).
		await page.getByRole('link', { name: 'Cells' }).click();
		const link = page.locator('#links tr[data-link="00:01.0"]' +
			'[data-peer="1"]');
		await link.getByText('publishing jitter statistics').waitFor();
		const jitterLink = link.getByRole('link', { name: /^demo2 / });
		assert.match(await jitterLink.getAttribute('href'),
			     /^#\/jitter\/\d+$/);
		assert.match(await page.locator('#links tr[data-link=' +
			'"00:00.0"][data-peer="1"]').innerText(),
			/^00:00\.0\s+1\s+no cell\s+not present$/);
		console.log('ok   links: ' + (await page.locator(
			'#links tbody tr').allInnerTexts()).map(t =>
			t.replace(/\s+/g, ' ')).join('; '));
		await shot(page, '05b-links');

		// Console: the cell's lines, attributed.
		await page.getByRole('link', { name: 'Console' }).click();
		const out = page.locator('pre.console');
		await until('the cell\'s JITTER lines on the console page',
			async () => /^\[cell:demo2\] JITTER v1 seq=\d+ /m.test(
				await out.innerText()));
		assert.match(await out.innerText(),
			     /^\[cell:demo2\] timer-jitter: in a cell, /m);
		await page.getByLabel('Source').selectOption('demo2');
		await until('only demo2 lines after filtering', async () => {
			const t = await out.innerText();
			return t.length && t.trim().split('\n').every(l =>
				l.startsWith('[cell:demo2] '));
		});
		await shot(page, '06-console');

		// Shut down and destroy, confirmed.
		await page.getByRole('link', { name: 'Cells' }).click();
		await row.getByRole('button', { name: 'Shut down' }).click();
		const dlg = page.getByRole('dialog');
		await dlg.getByText('Shut down cell demo2?').waitFor();
		await shot(page, '07-shutdown-confirm');
		await dlg.getByRole('button', { name: 'Shut down' }).click();
		await badge('shut down').waitFor();
		console.log('ok   cell demo2 shut down');
		await row.getByRole('button', { name: 'Destroy' }).click();
		await dlg.getByText('Destroy cell demo2?').waitFor();
		await dlg.getByRole('button', { name: 'Destroy' }).click();
		await page.getByText('No cells yet').waitFor();
		assert.equal(await row.count(), 0);
		console.log('ok   cell demo2 destroyed');
		await shot(page, '08-cells-destroyed');
		await page.close();
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	if (consoleErrors.length) {
		console.log('FAIL browser console errors:\n  ' +
			    consoleErrors.join('\n  '));
		process.exit(1);
	}
	console.log('ok   no browser console errors');
	console.log(`screenshots: ${artifacts}`);
}

main().catch(e => {
	console.log(`FAIL ${e.stack}`);
	process.exit(1);
});
