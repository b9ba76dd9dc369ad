// SPDX-License-Identifier: GPL-2.0
// Browser tests of the dashboard: playwright-core drives Debian's chromium
// (headless, fresh profile) against a real bulkhead-webd serving the
// source tree's webui/. Screenshots of every page go to ARTIFACTS.
//
//   node run.mjs WEBD_BINARY WEBUI_DIR ARTIFACTS_DIR NODE_DEPS_DIR
//
// Where webd does not serve an endpoint, the test asserts the page's
// honest "not available" state. The cells, jitter and console pages run
// against a second real webd on a scratch driver tree (the device a
// regular file holding the console, sysfs a directory of plain files, as
// in tests/api/test_cells.py): its cell cache, console reader and JITTER
// parser produce what the pages show. The QEMU appliance test
// (appliance.mjs) drives a real cell.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Webd } from './webd.mjs';

const [webdBin, webuiDir, artifacts, depsDir] = process.argv.slice(2);
if (!depsDir) {
	console.error('usage: run.mjs WEBD WEBUI_DIR ARTIFACTS NODE_DEPS');
	process.exit(2);
}
const { chromium } = createRequire(path.join(depsDir, 'package.json'))(
	'playwright-core');
const SRC = path.resolve(path.dirname(new URL(import.meta.url).pathname),
	'..', '..');
fs.mkdirSync(artifacts, { recursive: true });

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

const webd = new Webd(webdBin, webuiDir);
let ctx;			// the browser context (fresh user-data-dir)
const tokens = {};
const consoleErrors = [];	// unexpected ones, from every page
let provoked = 0;		// console errors a test provoked on purpose
const notes = [];
let served;			// "METHOD path" set from openapi.json

// allow: console errors this page provokes on purpose (and only those).
async function newPage(allow = null) {
	const page = await ctx.newPage();
	page.on('console', m => {
		if (m.type() !== 'error')
			return;
		if (allow && allow.test(m.text()))
			provoked++;
		else
			consoleErrors.push(`${m.text()} @ ${page.url()}`);
	});
	page.on('pageerror', e => consoleErrors.push(`pageerror: ${e.message}`));
	return page;
}

// Poll a form control's value from here: page.waitForFunction evaluates
// its predicate as a string in the page, which the dashboard's CSP (no
// 'unsafe-eval') refuses whenever the first evaluation is not yet true.
async function waitForValue(locator, pred, what, timeoutMs = 10000) {
	const deadline = Date.now() + timeoutMs;
	while (!pred(await locator.inputValue())) {
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}`);
		await new Promise(r => setTimeout(r, 50));
	}
}

// Poll an element's text until it matches re (same reason as above).
async function waitForText(locator, re, what, timeoutMs = 10000) {
	const deadline = Date.now() + timeoutMs;
	let text = '';
	while (!re.test(text = await locator.innerText())) {
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}; ` +
				`text: ${text.slice(-500)}`);
		await new Promise(r => setTimeout(r, 50));
	}
	return text;
}

async function shot(page, name) {
	// Let fonts, canvas and async renders settle.
	await page.waitForTimeout(150);
	await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}

async function signIn(page, token, url = webd.url) {
	await page.goto(url + '/');
	await page.waitForURL(/#\/signin$/);
	await page.getByLabel('Access token').fill(token);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/#\/overview$/);
	await page.locator('#conn[data-state="open"]').waitFor();
}

async function signOut(page) {
	await page.getByRole('button', { name: 'Sign out' }).click();
	await page.waitForURL(/#\/signin$/);
}

// Raw HTTP so that the path reaches webd exactly as written (fetch()
// normalizes "..").
function rawGet(p, headers = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port: webd.port,
			path: p, headers }, res => {
			let body = '';
			res.on('data', d => { body += d; });
			res.on('end', () => resolve({ status: res.statusCode,
				headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

// ---------------------------------------------------------------- tests

async function testStaticServing() {
	const index = await rawGet('/');
	assert.equal(index.status, 200);
	assert.match(index.headers['content-type'], /^text\/html; charset=utf-8/);
	assert.equal(index.headers['cache-control'], 'no-cache');
	assert.ok(index.headers.etag, 'ETag on /');
	assert.ok(index.headers['last-modified'], 'Last-Modified on /');
	const csp = index.headers['content-security-policy'];
	for (const d of ["default-src 'self'", "script-src 'self'",
			 "connect-src 'self'", "object-src 'none'",
			 "frame-ancestors 'none'"])
		assert.ok(csp.includes(d), `CSP has ${d}: ${csp}`);
	assert.ok(!/unsafe-inline|unsafe-eval/.test(csp), 'no unsafe-*');
	assert.equal(index.headers['x-content-type-options'], 'nosniff');
	assert.equal(index.headers['referrer-policy'], 'no-referrer');

	const types = { '/ui/js/app.js': /^text\/javascript/,
			'/ui/css/app.css': /^text\/css/,
			'/ui/icon.svg': /^image\/svg\+xml/ };
	for (const [p, re] of Object.entries(types)) {
		const r = await rawGet(p);
		assert.equal(r.status, 200, p);
		assert.match(r.headers['content-type'], re, p);
		assert.ok(r.headers['content-security-policy'], `CSP on ${p}`);
	}
	const again = await rawGet('/ui/js/app.js',
		{ 'If-None-Match': (await rawGet('/ui/js/app.js')).headers.etag });
	assert.equal(again.status, 304, 'If-None-Match gives 304');
	assert.equal(again.body, '');

	// Traversal: every spelling must stay inside the directory.
	const secret = path.join(path.dirname(webuiDir), 'CMakeLists.txt');
	assert.ok(fs.existsSync(secret), 'a file next to webui/ to aim at');
	for (const p of ['/ui/../CMakeLists.txt', '/ui/%2e%2e/CMakeLists.txt',
			 '/ui/js/../../CMakeLists.txt',
			 '/ui/..%2fCMakeLists.txt', '/ui/%2e%2e%2fCMakeLists.txt',
			 '/ui/js/%2e%2e', '/ui/.%2e/CMakeLists.txt',
			 '/ui//etc/passwd', '/ui/%2fetc%2fpasswd',
			 '/../CMakeLists.txt',
			 '/ui/README', '/ui/js', '/ui/.hidden.js']) {
		const r = await rawGet(p);
		assert.equal(r.status, 404, `${p} -> ${r.status}`);
		assert.ok(!r.body.includes('cmake_minimum_required'), p);
		assert.ok(!r.body.includes('root:'), p);
	}
	// The API still needs a token; the UI does not.
	assert.equal((await rawGet('/api/v1/system')).status, 401);
	assert.equal((await rawGet('/api/v1/whoami')).status, 401);
}

async function testSignIn() {
	// A wrong token is refused: the browser logs that 401.
	const page = await newPage(/status of 401/);
	await page.goto(webd.url + '/');
	await page.waitForURL(/#\/signin$/);
	await page.getByLabel('Access token').waitFor();
	await shot(page, '01-signin');

	// A wrong token: the problem's detail is shown.
	await page.getByLabel('Access token').fill('bh_' + 'x'.repeat(43));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.getByRole('alert').filter({ hasText: '401' }).waitFor();
	assert.match(await page.getByRole('alert').innerText(), /token/i);
	await shot(page, '02-signin-error');

	await page.getByLabel('Access token').fill(tokens.admin);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/#\/overview$/);
	await page.getByText('Hypervisor absent').waitFor();
	await page.locator('#conn[data-state="open"]').waitFor();
	assert.equal(await page.locator('#who').innerText(), 'ui-admin · admin');
	// The token lives in sessionStorage only.
	const stored = await page.evaluate(() => [
		sessionStorage.getItem('bulkhead.session'),
		localStorage.length, document.cookie]);
	assert.ok(stored[0].includes(tokens.admin));
	assert.equal(stored[1], 0);
	assert.equal(stored[2], '');
	await shot(page, '03-overview');
	await page.close();
}

async function testBoards() {
	const page = await newPage();
	await signIn(page, tokens.operator);
	await page.getByRole('link', { name: 'Boards' }).click();
	await page.getByText('No board profiles yet').waitFor();
	await shot(page, '10-boards-empty');

	const iomem = path.join(webd.tmp, 'iomem.txt');
	fs.writeFileSync(iomem, '40000000-7fffffff : System RAM\n');
	await page.getByLabel('Name').fill('qemu-virt');
	await page.getByLabel('Architecture').selectOption('arm64');
	await page.getByLabel('Notes', { exact: true }).fill('Reference board');
	await page.getByLabel('/proc/iomem').setInputFiles(iomem);
	await page.getByRole('button', { name: 'Save board' }).click();
	await page.waitForURL(/#\/boards\/qemu-virt$/);
	await page.getByRole('heading', { name: 'Board qemu-virt' }).waitFor();
	assert.equal(await page.locator('#notes').inputValue(),
		     'Reference board');
	await page.getByText('iomem: 31 B').waitFor();

	// Edit the notes (PUT with If-Match) and see them stored.
	await page.locator('#notes').fill('Reference board, rev B');
	await page.getByRole('button', { name: 'Save notes' }).click();
	await page.getByText('Notes saved').waitFor();
	const r = await webd.api('/api/v1/boards/qemu-virt',
				 { token: tokens.viewer });
	assert.equal(r.data.notes, 'Reference board, rev B');
	assert.equal(r.data.captures.iomem, '40000000-7fffffff : System RAM\n');
	await shot(page, '11-board-detail');
	// An operator may not delete (admin only): no button.
	assert.equal(await page.getByRole('button', { name: /Delete/ }).count(),
		     0);

	// The list updates live from the event stream when someone else
	// saves a board.
	await page.getByRole('link', { name: '← All boards' }).click();
	await page.getByRole('link', { name: 'qemu-virt' }).waitFor();
	const c = await webd.api('/api/v1/boards', { token: tokens.operator,
		method: 'POST', body: { name: 'rpi4', architecture: 'arm64',
		notes: 'added behind the page\'s back' } });
	assert.equal(c.status, 201);
	await page.getByRole('link', { name: 'rpi4' }).waitFor();
	await shot(page, '12-boards-list');
	await page.close();
}

async function testBoardDeleteAsAdmin() {
	const page = await newPage();
	await signIn(page, tokens.admin);
	await page.goto(webd.url + '/#/boards/rpi4');
	await page.getByRole('button', { name: 'Delete board' }).click();
	const dlg = page.getByRole('dialog');
	await dlg.getByText('Delete board profile rpi4?').waitFor();
	await shot(page, '13-board-delete-confirm');
	// Cancel first: nothing happens.
	await dlg.getByRole('button', { name: 'Cancel' }).click();
	assert.equal((await webd.api('/api/v1/boards/rpi4',
		{ token: tokens.viewer })).status, 200);
	await page.getByRole('button', { name: 'Delete board' }).click();
	await dlg.getByRole('button', { name: 'Delete' }).click();
	await page.waitForURL(/#\/boards$/);
	await page.getByRole('link', { name: 'qemu-virt' }).waitFor();
	assert.equal(await page.getByRole('link', { name: 'rpi4' }).count(), 0);
	assert.equal((await webd.api('/api/v1/boards/rpi4',
		{ token: tokens.viewer })).status, 404);
	await page.close();
}

// Generating is a read (viewers may), saving its result is not.
const ACTION_NAMES = /^(Save|Save notes|Save board|Save board profile|Delete|Delete board|Create|Start|Shut down|Destroy|Enable hypervisor|Disable hypervisor)$/;

async function actionButtons(page) {
	const names = await page.locator('main button:visible').allInnerTexts();
	return names.map(s => s.trim()).filter(s => ACTION_NAMES.test(s));
}

async function testViewer() {
	const page = await newPage();
	await signIn(page, tokens.viewer);
	assert.equal(await page.locator('#who').innerText(),
		     'ui-viewer · viewer');
	for (const [hash, ready] of [
		['overview', 'Hypervisor absent'],
		['boards', 'qemu-virt'],
		['boards/qemu-virt', 'Captures'],
		['configs', 'Upload or paste a config'],
		['generator', 'From captures'],
		['cells', 'Cells']]) {
		await page.goto(`${webd.url}/#/${hash}`);
		await page.locator('main').getByText(ready).first().waitFor();
		await page.waitForTimeout(200);
		assert.deepEqual(await actionButtons(page), [],
			`viewer sees action buttons on #/${hash}`);
	}
	// No driver: the links say why there are none (console errors
	// are checked for every page at the end).
	await page.goto(`${webd.url}/#/cells`);
	await page.locator('#links').getByText('ivshmem links exist only ' +
		'while the hypervisor is enabled').waitFor();
	// Read-only notes; no create form.
	await page.goto(`${webd.url}/#/boards/qemu-virt`);
	await page.locator('#notes').waitFor();
	assert.equal(await page.locator('#notes').getAttribute('readonly'), '');
	await shot(page, '20-viewer-board');
	await page.goto(`${webd.url}/#/boards`);
	await page.getByRole('link', { name: 'qemu-virt' }).waitFor();
	assert.equal(await page.locator('#board-create').count(), 0);
	await shot(page, '21-viewer-boards');
	await page.close();
}

async function testUnavailablePages() {
	const page = await newPage();
	await signIn(page, tokens.admin);
	const pages = [
		['cells', 'GET /api/v1/cells',
		 'The cells API is not available', '30-cells'],
		['jitter/1', 'GET /api/v1/cells/{id}/jitter',
		 'No jitter stream on this webd', '31-jitter'],
		['console', 'GET /api/v1/console',
		 'No console stream on this webd', '32-console'],
		['generator', 'POST /api/v1/generator',
		 'The generator is not available', '33-generator'],
		['configs', 'GET /api/v1/configs',
		 'The configs API is not available', '34-configs'],
	];
	for (const [hash, op, text, name] of pages) {
		await page.goto(`${webd.url}/#/${hash}`);
		if (served.has(op)) {
			notes.push(`${op} is served: #/${hash} shows live data`);
			await page.locator('main h1').waitFor();
		} else {
			notes.push(`${op} not served by this webd: #/${hash} ` +
				   'shows its "not available" state');
			await page.getByText(text).waitFor();
		}
		await shot(page, name);
	}
	await page.close();
}

function lineOf(text, needle, from = 0) {
	const lines = text.split('\n');
	for (let i = from; i < lines.length; i++)
		if (lines[i].includes(needle))
			return i + 1;
	throw new Error(`${needle} not in the document`);
}

// Configs against webd's real validator: the valid reference config shows
// its summary with the compiled size the build produced; an invalid copy
// shows each of the validator's errors at the line of its field.
async function testConfigs() {
	const valid = fs.readFileSync(path.join(SRC, 'configs',
		'qemu-arm64.json'), 'utf8');
	const compiled = fs.statSync(path.join(path.dirname(path.dirname(
		webdBin)), 'configs', 'qemu-arm64.cell')).size;
	const doc = JSON.parse(valid);
	doc.root_cell.cpus = ['0-5'];			// CPUs 4, 5 do not exist
	doc.root_cell.memory_regions[1].size = '0x1234';	// not page sized
	const invalid = JSON.stringify(doc, null, '\t');
	const page = await newPage();
	await signIn(page, tokens.operator);
	await page.goto(`${webd.url}/#/configs`);
	await page.getByText('Upload or paste a config').waitFor();

	// Valid: upload by file.
	await page.getByLabel('JSON file').setInputFiles(path.join(SRC,
		'configs', 'qemu-arm64.json'));
	await waitForValue(page.locator('#cfg-text'), v => v.length > 100,
		'the uploaded file in the editor');
	assert.equal(await page.getByLabel('Name').inputValue(), 'qemu-arm64');
	await page.getByRole('button', { name: 'Validate' }).click();
	await page.locator('#cfg-result .state.ok').waitFor();
	assert.match(await page.locator('#cfg-summary').innerText(),
		     new RegExp(`compiled size\\s+.*\\(${compiled} bytes\\)`));
	await shot(page, '40-configs-valid');

	// Invalid: pasted; the page lists what the API found, each at the
	// line of its field.
	const api = await webd.api('/api/v1/configs/validate', {
		token: tokens.operator, method: 'POST', body: doc });
	assert.equal(api.status, 200);
	assert.equal(api.data.valid, false);
	const pointers = api.data.errors.map(e => e.pointer);
	assert.ok(pointers.includes('/root_cell/cpus'), pointers.join());
	assert.ok(pointers.includes('/root_cell/memory_regions/1'),
		  pointers.join());
	await page.getByLabel('Document', { exact: true }).fill(invalid);
	await page.getByRole('button', { name: 'Validate' }).click();
	await page.locator('#cfg-errors li').first().waitFor();
	const items = await page.locator('#cfg-errors li').allInnerTexts();
	assert.equal(items.length, api.data.errors.length);
	for (const e of api.data.errors)
		assert.ok(items.some(t => t.includes(e.message)),
			  `"${e.message}" not listed: ${items}`);
	const bad = await page.locator('#cfg-annotated .ln.bad').evaluateAll(
		els => els.map(e => Number(e.dataset.line)));
	const cpusLine = lineOf(invalid, '"0-5"') - 1;	// "cpus": [
	const sizeLine = lineOf(invalid, '"0x1234"');
	assert.ok(bad.includes(cpusLine) || bad.includes(cpusLine + 1),
		  `cpus line ${cpusLine} in ${bad}`);
	assert.ok(bad.some(l => l <= sizeLine && l >= sizeLine - 6),
		  `memory_regions/1 near line ${sizeLine} in ${bad}`);
	await page.locator('#cfg-annotated .ln.bad').first()
		.scrollIntoViewIfNeeded();
	await shot(page, '41-configs-errors');

	// Not JSON at all: the syntax error's line, found before any request.
	const broken = valid.replace('"revision": 1,', '"revision": 1,,');
	await page.getByLabel('Document', { exact: true }).fill(broken);
	await page.getByRole('button', { name: 'Validate' }).click();
	await page.getByText('The document is not valid JSON').waitFor();
	assert.deepEqual(await page.locator('#cfg-annotated .ln.bad')
		.evaluateAll(els => els.map(e => Number(e.dataset.line))),
		[lineOf(broken, '"revision"')]);
	await shot(page, '42-configs-syntax');
	await page.close();
}

// A scratch driver tree for webd (--driver-dev, --driver-sysfs).
class ScratchTree {
	constructor() {
		this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-tree-'));
		this.dev = path.join(this.dir, 'bulkhead');
		this.sysfs = path.join(this.dir, 'sysfs');
		fs.mkdirSync(path.join(this.sysfs, 'cells'), { recursive: true });
		fs.writeFileSync(this.dev, '');
		fs.writeFileSync(path.join(this.sysfs, 'enabled'), '1\n');
		fs.writeFileSync(path.join(this.sysfs, 'version'), '9.8.7\n');
		fs.writeFileSync(path.join(this.sysfs, 'cpu_exits'),
			'cpu hvc psci stage2_abort mmio irq sgi maintenance\n' +
			'0 11 2 0 40 300 5 1\n1 9 1 0 35 280 4 1\n' +
			'2 1234 0 0 0 250 0 0\n3 7 1 0 30 260 3 1\n');
	}

	args() {
		return ['--driver-dev', this.dev, '--driver-sysfs', this.sysfs,
			'--driver-poll-ms', '50'];
	}

	cell(id, name, state, cpus) {
		const d = path.join(this.sysfs, 'cells', String(id));
		fs.mkdirSync(d, { recursive: true });
		fs.writeFileSync(path.join(d, 'name'), `${name}\n`);
		fs.writeFileSync(path.join(d, 'cpus'), `${cpus}\n`);
		fs.writeFileSync(path.join(d, 'state'), `${state}\n`);
	}

	console(text) {
		fs.appendFileSync(this.dev, text);
	}

	remove() {
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

// A JITTER v1 line (docs/inmates.md) with consistent statistics: 62.5 MHz
// counter (16 ns a tick), 90 samples in min's bucket, 10 in max's.
function jitterLine(seq, cur, min, avg, max) {
	const bucket = ns => {
		let k = 0;
		while (k < 15 && ns >= 250 * 2 ** k)
			k++;
		return k;
	};
	const hist = new Array(16).fill(0);
	hist[bucket(min)] += 90;
	hist[bucket(max)] += 10;
	const t = ns => Math.floor(ns / 16);
	return `JITTER v1 seq=${seq} samples=100 period_ns=1000000 ` +
		`cur_ns=${cur} min_ns=${min} avg_ns=${avg} max_ns=${max} ` +
		`overruns=0 cur_ticks=${t(cur)} min_ticks=${t(min)} ` +
		`max_ticks=${t(max)} hist=${hist.join(',')}`;
}

async function inkedPixels(canvas) {
	return canvas.evaluate(c => {
		const d = c.getContext('2d').getImageData(0, 0, c.width,
			c.height).data;
		let n = 0;
		for (let i = 3; i < d.length; i += 4)
			n += d[i] > 0;
		return n;
	});
}

// Overview, cells, jitter and console against webd on a scratch tree
// with cell 1 "demo2" running on CPU 2: the ownership shown is webd's
// (sysfs + the stored configs), the chart and the console are fed by
// lines appended to the console device while the pages are open.
async function testCellsLive() {
	const tree = new ScratchTree();
	const w = new Webd(webdBin, webuiDir, tree.args());
	tree.cell(1, 'demo2', 'running', '2');
	await w.start();
	let page;
	try {
		const op = w.token('operator', 'live-op');
		for (const f of ['qemu-arm64', 'qemu-arm64-demo2']) {
			const r = await w.api('/api/v1/configs', { token: op,
				method: 'POST', body: JSON.parse(fs.readFileSync(
					path.join(SRC, 'configs', `${f}.json`),
					'utf8')) });
			assert.equal(r.status, 201, JSON.stringify(r.data));
		}
		tree.console('[hv] Bulkhead: cell "demo2" started\n' +
			'[cell:demo2] timer-jitter: in a cell, period 1000 us, ' +
			'100 samples per window, counter 62500000 Hz, ' +
			'not locked\n');
		// The scratch driver refuses every ioctl: the shutdown's 500.
		page = await newPage(/status of 500/);
		await signIn(page, op, w.url);

		// Overview: CPUs and memory by owner, from the API.
		await page.locator('#cpus li[data-cpu="2"]').waitFor();
		const cpus = await page.locator('#cpus li').allInnerTexts();
		assert.deepEqual(cpus.map(t => t.replace(/\s+/g, ' ').trim()), [
			'CPU 0 root cell', 'CPU 1 root cell',
			'CPU 2 demo2 (running)', 'CPU 3 root cell']);
		const demo2Mem = page.locator(
			'#memmap tr[data-owner="demo2"][data-shared="no"]');
		assert.equal(await demo2Mem.count(), 1, 'one RAM region of demo2');
		assert.match(await demo2Mem.innerText(),
			     /0x70100000\s+0x701fffff\s+1\.0 MiB/);
		// Its ivshmem link to the root: shared, not owned (the root's
		// config, which would cover it, is unknown here).
		const link = await page.locator(
			'#memmap tr[data-owner="demo2"][data-shared="yes"]')
			.allInnerTexts();
		assert.equal(link.length, 4, 'the link\'s four sections');
		assert.match(link[0], /^0x7ee00000\s+0x7ee00fff\s+4\.0 KiB\s+demo2 \(shared with the root cell\)/);
		// The root cell's config is unknown to this webd (enabled
		// outside it): said, not guessed.
		await page.getByText('The root cell\'s memory is not shown')
			.waitFor();
		await shot(page, '36-overview-cells');

		// Cells: live state, the actions a running cell allows.
		await page.getByRole('link', { name: 'Cells' }).click();
		const row = page.locator('tr[data-cell="demo2"]');
		const badge = st => row.locator('.badge').filter(
			{ hasText: new RegExp(`^${st}$`) });
		await badge('running').waitFor();
		assert.deepEqual((await row.locator('button').allInnerTexts())
			.map(t => t.trim()), ['Shut down', 'Destroy']);
		assert.match(await row.innerText(), /hvc\s+1234/);
		// Enabled, but this host has no ivshmem device: an empty
		// GET /api/v1/ivshmem, said so.
		await page.locator('#links').getByText('No ivshmem links')
			.waitFor();
		assert.equal(await page.locator('#links table').count(), 0);
		// The cell stops behind the page's back: the row follows.
		tree.cell(1, 'demo2', 'shut down', '2');
		await badge('shut down').waitFor();
		assert.deepEqual((await row.locator('button').allInnerTexts())
			.map(t => t.trim()), ['Load image…', 'Start', 'Destroy']);
		await shot(page, '37-cells');
		tree.cell(1, 'demo2', 'running', '2');
		await badge('running').waitFor();

		// Jitter: reports appended to the console come out of webd's
		// parser onto the chart and the numbers.
		await row.getByRole('link', { name: 'Jitter' }).click();
		await page.locator('.stream-status[data-state="open"]').waitFor();
		let text = '';
		for (let k = 0; k < 5; k++)
			text += `[cell:demo2] ${jitterLine(k, 470 + k, 448,
				480, 900 + k)}\n`;
		tree.console(text + '[cell:demo2] JITTER v1 seq=5 broken\n');
		await page.getByText('5 reports received').waitFor();
		assert.equal(await page.locator('#n-seq').innerText(), '4');
		assert.equal(await page.locator('#n-source').innerText(),
			     'console lines');
		assert.equal(await page.locator('#n-min_ns').innerText(),
			     '448 ns');
		assert.equal(await page.locator('#n-max_ns').innerText(),
			     '904 ns');
		text = '';
		for (let k = 6; k < 30; k++)
			text += `[cell:demo2] ${jitterLine(k, 2000 + 40 * k,
				448, 1500 + 10 * k, 5200 + k)}\n`;
		tree.console(text);
		await page.getByText('29 reports received').waitFor();
		assert.equal(await page.locator('#n-seq').innerText(), '29');
		assert.equal(await page.locator('#n-cur_ns').innerText(),
			     '3.16 µs');
		assert.equal(await page.locator('#n-max_ns').innerText(),
			     '5.23 µs');
		assert.equal(await page.locator('.hist-table tbody tr').count(),
			     16);
		const inked = await inkedPixels(page.locator('canvas.chart')
			.first());
		assert.ok(inked > 5000, `chart pixels drawn: ${inked}`);
		await shot(page, '35-jitter-chart');

		// Console: attributed lines, the source filter, search.
		await page.getByRole('link', { name: 'Console' }).click();
		const out = page.locator('pre.console');
		await waitForText(out, /JITTER v1 seq=29 /, 'the last report ' +
			'on the console page');
		assert.match(await out.innerText(),
			/^\[hv\] Bulkhead: cell "demo2" started$/m);
		assert.match(await out.innerText(),
			/^\[cell:demo2\] timer-jitter: in a cell,/m);
		await page.getByLabel('Source').selectOption('demo2');
		await page.getByText('31 of 32 line(s)').waitFor();
		assert.ok(!(await out.innerText()).includes('[hv]'));
		await page.getByLabel('Search').fill('seq=2');
		await page.getByText('11 of 32 line(s)').waitFor();
		await shot(page, '38-console');

		// Shut down from the UI: cancel does nothing; confirmed, the
		// driver's refusal is shown (this tree answers no ioctl).
		await page.getByRole('link', { name: 'Cells' }).click();
		await row.getByRole('button', { name: 'Shut down' }).click();
		const dlg = page.getByRole('dialog');
		await dlg.getByText('Shut down cell demo2?').waitFor();
		await dlg.getByRole('button', { name: 'Cancel' }).click();
		await row.getByRole('button', { name: 'Destroy' }).click();
		await dlg.getByText('Destroy cell demo2? It is running').waitFor();
		await dlg.getByRole('button', { name: 'Destroy' }).click();
		await page.locator('#notice.error').waitFor();
		assert.match(await page.locator('#notice').innerText(),
			     /ioctl/);
		const audit = await w.api('/api/v1/audit', { token:
			w.token('admin', 'live-admin') });
		const acts = audit.data.records.filter(r =>
			r.who === 'live-op' && /cells/.test(r.action))
			.map(r => `${r.action} ${r.status}`);
		assert.deepEqual(acts, ['POST /api/v1/cells/{id}/destroy 500'],
			'only the confirmed action reached webd');
	} finally {
		// Closed before webd stops: its streams would log refusals.
		if (page)
			await page.close();
		await w.stop();
		tree.remove();
	}
}

async function testCsp() {
	// The refusals are logged as console errors: those are expected.
	const page = await newPage(/Content Security Policy/);
	await signIn(page, tokens.viewer);
	const result = await page.evaluate(() => new Promise(resolve => {
		const seen = [];
		document.addEventListener('securitypolicyviolation', e => {
			seen.push({ directive: e.effectiveDirective,
				    blocked: e.blockedURI });
		});
		const s = document.createElement('script');
		s.textContent = 'window.inlineRan = true;';
		document.body.append(s);
		const img = document.createElement('img');
		img.src = 'https://example.invalid/x.png';
		document.body.append(img);
		setTimeout(() => resolve({ ran: window.inlineRan === true,
					   seen }), 300);
	}));
	assert.equal(result.ran, false, 'inline script ran');
	assert.ok(result.seen.some(v => v.directive === 'script-src-elem' &&
		v.blocked === 'inline'), JSON.stringify(result.seen));
	assert.ok(result.seen.some(v => v.directive === 'img-src'),
		  'foreign image blocked');
	await page.close();
}

async function testReconnect() {
	// Refused connections while webd is down are logged by the browser.
	const page = await newPage(/ERR_CONNECTION_REFUSED|ERR_EMPTY_RESPONSE/);
	await signIn(page, tokens.viewer);
	const port = webd.port;
	await webd.stop();
	await page.locator('#conn[data-state="reconnecting"]').waitFor();
	await shot(page, '50-reconnecting');
	await webd.start(port);
	await page.locator('#conn[data-state="open"]').waitFor(
		{ timeout: 30000 });
	assert.equal(await page.locator('#conn').innerText(), 'live');
	await page.close();
}

async function testTablet() {
	const page = await newPage();
	await page.setViewportSize({ width: 820, height: 1180 });
	await signIn(page, tokens.admin);
	await page.goto(`${webd.url}/#/boards`);
	await page.getByRole('link', { name: 'qemu-virt' }).waitFor();
	const overflow = await page.evaluate(() =>
		document.documentElement.scrollWidth > window.innerWidth);
	assert.equal(overflow, false, 'horizontal scrolling on a tablet');
	await shot(page, '60-tablet-boards');
	await page.close();
}

// ---------------------------------------------------------------- main

// The generator page with the real generator: the reference arm64
// captures (tests/captures/) give the golden config of `bulkhead config
// create` (expected.json, written by the CLI), validated, downloaded and
// saved as a board profile; x86 gives notes and no config; a viewer may
// generate but not save.
const CAPS = path.join(SRC, 'tests', 'captures');

async function chooseCaptures(page, machine) {
	const dir = path.join(CAPS, machine);
	const files = [['/proc/iomem', 'iomem'], ['lspci -vvv output',
		'lspci-vvvnn.txt'], ['/proc/cpuinfo', 'cpuinfo'],
		['Device tree blob (.dtb)', 'fdt.dtb']];
	for (const [label, file] of files) {
		const input = page.getByLabel(label, { exact: true });
		if (fs.existsSync(path.join(dir, file)))
			await input.setInputFiles(path.join(dir, file));
		else
			await input.setInputFiles([]);
	}
}

async function testGenerator() {
	const ref = 'qemu-arm64-gicv3';
	const golden = JSON.parse(fs.readFileSync(path.join(CAPS, ref,
		'expected.json'), 'utf8'));
	const page = await newPage();
	await signIn(page, tokens.operator);
	await page.getByRole('link', { name: 'Generator' }).click();
	await page.getByRole('heading', { name: 'From captures' }).waitFor();
	await chooseCaptures(page, ref);
	await page.getByLabel('Root cell name (optional)').fill(ref);
	await page.getByRole('button', { name: 'Generate', exact: true })
		.click();
	await page.getByText('Config generated and valid').waitFor();
	const shown = JSON.parse(await page.locator('#gen-config').innerText());
	assert.deepEqual(shown, golden.config,
		'the page shows the CLI\'s config for the same captures');
	assert.equal(await page.locator('#gen-notes li').count(),
		     golden.notes.length);
	for (const n of golden.notes)
		await page.locator('#gen-notes').getByText(n.why).waitFor();

	await page.getByRole('button', { name: 'Validate' }).click();
	await page.getByText('Valid: the validator has no findings').waitFor();

	const [dl] = await Promise.all([page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download JSON' }).click()]);
	assert.equal(dl.suggestedFilename(), 'generated.json');
	assert.deepEqual(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')),
			 golden.config);
	await shot(page, '40-generator-arm64');

	await page.getByLabel('Board name').fill('ref-virt');
	await page.getByRole('button', { name: 'Save board profile' }).click();
	await page.getByText('Saved as board profile ref-virt').waitFor();
	const b = await webd.api('/api/v1/boards/ref-virt',
				 { token: tokens.viewer });
	assert.equal(b.status, 200);
	assert.equal(b.data.architecture, 'arm64');
	assert.deepEqual(b.data.generated_config, golden.config);
	assert.ok(b.data.captures.device_tree, 'the .dtb is stored');
	await shot(page, '41-generator-saved');
	await page.getByRole('link', { name: 'Open the profile' }).click();
	await page.getByRole('heading', { name: 'Board ref-virt' }).waitFor();

	// x86: the notes say why there is no config and what to change.
	await page.getByRole('link', { name: 'Generator' }).click();
	await chooseCaptures(page, 'qemu-x86-q35');
	await page.getByRole('button', { name: 'Generate', exact: true })
		.click();
	await page.getByText('No complete config').waitFor();
	await page.locator('#gen-notes').getByText('mem=1151M').waitFor();
	assert.equal(await page.locator('#gen-config').count(), 0);
	await shot(page, '42-generator-x86');
	await page.close();

	// A viewer generates, and is offered no save.
	const vp = await newPage();
	await signIn(vp, tokens.viewer);
	await vp.goto(`${webd.url}/#/generator`);
	await chooseCaptures(vp, ref);
	await vp.getByRole('button', { name: 'Generate', exact: true }).click();
	await vp.getByText('Config generated and valid').waitFor();
	assert.equal(await vp.locator('#gen-board').count(), 0);
	assert.deepEqual(await actionButtons(vp), []);
	await vp.close();
}

const TESTS = [testStaticServing, testSignIn, testBoards,
	testBoardDeleteAsAdmin, testViewer, testUnavailablePages,
	testGenerator,
	testConfigs, testCellsLive, testCsp, testTablet, testReconnect];

async function main() {
	await webd.start();
	tokens.admin = webd.token('admin', 'ui-admin');
	tokens.operator = webd.token('operator', 'ui-operator');
	tokens.viewer = webd.token('viewer', 'ui-viewer');
	served = new Set();
	const doc = (await webd.api('/api/v1/openapi.json')).data;
	for (const [p, item] of Object.entries(doc.paths))
		for (const m of Object.keys(item))
			served.add(`${m.toUpperCase()} ${p}`);

	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bh-chromium-'));
	ctx = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: CHROMIUM_ARGS, headless: true,
		viewport: { width: 1280, height: 800 },
	});
	ctx.setDefaultTimeout(10000);
	let failed = 0;
	try {
		for (const t of TESTS) {
			const t0 = Date.now();
			try {
				await t();
				console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
			} catch (e) {
				failed++;
				console.log(`FAIL ${t.name}: ${e.stack}`);
			}
		}
		if (consoleErrors.length) {
			failed++;
			console.log('FAIL browser console errors:\n  ' +
				    consoleErrors.join('\n  '));
		} else {
			console.log('ok   no browser console errors ' +
				    `(${provoked} provoked on purpose)`);
		}
	} finally {
		await ctx.close();
		fs.rmSync(profile, { recursive: true, force: true });
		await webd.stop().catch(() => {});
	}
	for (const n of notes)
		console.log(`note: ${n}`);
	console.log(`screenshots: ${artifacts}`);
	if (failed) {
		console.log(`${failed} failure(s); webd log:\n${webd.log()}`);
		process.exit(1);
	}
}

main().catch(e => {
	console.error(e);
	process.exit(1);
});
