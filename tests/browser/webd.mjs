// SPDX-License-Identifier: GPL-2.0
// A real bulkhead-webd for the browser tests: temporary database, a free
// port (--port 0 --port-file), tokens made with `bulkhead-webd token
// create`, stopped with SIGTERM.

import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const sleep = ms => new Promise(r => setTimeout(r, ms));

export class Webd {
	// extra: more command-line arguments (e.g. a scratch driver tree).
	constructor(bin, webui, extra = []) {
		this.bin = bin;
		this.webui = webui;
		this.extra = extra;
		this.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'webd-ui-'));
		this.db = path.join(this.tmp, 'webd.db');
		this.portFile = path.join(this.tmp, 'port');
		this.port = 0;
	}

	token(role, name) {
		return execFileSync(this.bin, ['token', 'create', '--role', role,
			'--name', name, '--db', this.db], { encoding: 'utf8' })
			.trim();
	}

	async start(port = 0) {
		fs.rmSync(this.portFile, { force: true });
		const log = fs.openSync(path.join(this.tmp, 'webd.log'), 'a');
		this.proc = spawn(this.bin, ['--db', this.db, '--port',
			String(port), '--port-file', this.portFile, '--webui',
			this.webui, '--heartbeat', '2', ...this.extra],
			{ stdio: ['ignore', log, log] });
		let exited = null;
		this.proc.on('exit', code => { exited = code; });
		for (let i = 0; i < 500 && !fs.existsSync(this.portFile); i++) {
			if (exited !== null)
				throw new Error(`webd exited with ${exited}: ` +
					this.log());
			await sleep(20);
		}
		this.port = Number(fs.readFileSync(this.portFile, 'utf8'));
		this.url = `http://127.0.0.1:${this.port}`;
		return this;
	}

	log() {
		return fs.readFileSync(path.join(this.tmp, 'webd.log'), 'utf8');
	}

	async stop() {
		if (!this.proc || this.proc.exitCode !== null)
			return;
		const done = new Promise(r => this.proc.once('exit', r));
		this.proc.kill('SIGTERM');
		await Promise.race([done, sleep(10000)]);
		if (this.proc.exitCode === null) {
			this.proc.kill('SIGKILL');
			throw new Error('webd ignored SIGTERM');
		}
	}

	async api(p, { token, method = 'GET', body, headers = {} } = {}) {
		const res = await fetch(this.url + p, { method, headers: {
			Authorization: `Bearer ${token}`,
			'Content-Type': 'application/json', ...headers },
			body: body === undefined ? undefined :
				JSON.stringify(body) });
		const type = res.headers.get('content-type') || '';
		return { status: res.status, headers: res.headers,
			 data: type.includes('json') ? await res.json() :
				await res.text() };
	}
}
