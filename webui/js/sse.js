// SPDX-License-Identifier: GPL-2.0
// Server-Sent Events over fetch(): EventSource cannot send the bearer
// token, and a token in the URL would end up in logs. Reconnects with the
// server's retry delay (backing off up to 15 s), resumes with
// Last-Event-ID, and reports its state for the connection indicator.

import { session } from './api.js';

export class Stream {
	// onEvent({type, data, id}); onStatus('connecting' | 'open' |
	// 'reconnecting' | 'unavailable' | 'denied' | 'closed', detail)
	// replay: start with what webd's backlog still holds. A new client
	// gets only new events; one resuming from an id older than the
	// backlog gets a `resync` event naming the oldest id kept
	// (webd/README.md), so the first connection asks for id 0 and, told
	// to resync, resumes from just before the oldest.
	constructor(path, { onEvent, onStatus, replay = false } = {}) {
		this.path = path;
		this.onEvent = onEvent || (() => {});
		this.onStatus = onStatus || (() => {});
		this.replay = replay;
		this.lastId = replay ? '0' : null;
		this.retry = 3000;
		this.failures = 0;
		this.stopped = false;
	}

	start() {
		this.stopped = false;
		this.connect();
		return this;
	}

	stop() {
		this.stopped = true;
		clearTimeout(this.timer);
		if (this.ctrl)
			this.ctrl.abort();
		this.status('closed');
	}

	status(s, detail) {
		this.state = s;
		this.onStatus(s, detail);
	}

	async connect() {
		const ctrl = this.ctrl = new AbortController();
		this.status(this.failures ? 'reconnecting' : 'connecting');
		const headers = { Accept: 'text/event-stream',
				  Authorization: `Bearer ${session.token}` };
		if (this.lastId)
			headers['Last-Event-ID'] = this.lastId;
		try {
			const res = await fetch(this.path, { headers,
				signal: ctrl.signal, cache: 'no-store' });
			if (res.status === 404) {
				this.status('unavailable', 'not served by webd');
				return;
			}
			if (res.status === 401 || res.status === 403) {
				this.status('denied', `HTTP ${res.status}`);
				return;
			}
			if (!res.ok || !res.body)
				throw new Error(`HTTP ${res.status}`);
			this.failures = 0;
			this.status('open');
			await this.read(res.body, ctrl);
			if (ctrl.signal.aborted)
				return;	// replaced or stopped
			throw new Error('stream ended');
		} catch (e) {
			if (this.stopped || ctrl.signal.aborted ||
			    e.name === 'AbortError')
				return;
			this.failures++;
			const delay = Math.min(this.retry * 2 **
				Math.min(this.failures - 1, 3), 15000);
			this.status('reconnecting', e.message);
			this.timer = setTimeout(() => this.connect(), delay);
		}
	}

	async read(body, ctrl) {
		const reader = body.pipeThrough(new TextDecoderStream())
			.getReader();
		let buf = '';
		let ev = { type: 'message', data: [], id: null };
		for (;;) {
			const { value, done } = await reader.read();
			if (done)
				return;
			buf += value;
			let nl;
			while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + (buf[nl] === '\r' &&
					buf[nl + 1] === '\n' ? 2 : 1));
				if (ctrl.signal.aborted)
					return;	// replaced by a new connection
				if (line === '') {
					this.dispatch(ev);
					ev = { type: 'message', data: [], id: null };
				} else {
					this.field(ev, line);
				}
			}
		}
	}

	field(ev, line) {
		if (line.startsWith(':'))
			return;	// comment: heartbeat
		const i = line.indexOf(':');
		const name = i < 0 ? line : line.slice(0, i);
		let value = i < 0 ? '' : line.slice(i + 1);
		if (value.startsWith(' '))
			value = value.slice(1);
		if (name === 'event')
			ev.type = value;
		else if (name === 'data')
			ev.data.push(value);
		else if (name === 'id')
			ev.id = value;
		else if (name === 'retry' && /^\d+$/.test(value))
			this.retry = Number(value);
	}

	dispatch(ev) {
		if (ev.id !== null)
			this.lastId = ev.id;
		if (!ev.data.length)
			return;
		const text = ev.data.join('\n');
		let data = text;
		try {
			data = JSON.parse(text);
		} catch {
			// plain text (console lines) stays a string
		}
		if (ev.type === 'resync' && this.replay && !this.replayed &&
		    /"oldest_available":\s*(\d+)/.test(text)) {
			this.replayed = true;
			const oldest = BigInt(/"oldest_available":\s*(\d+)/
				.exec(text)[1]);
			this.lastId = String(oldest > 0n ? oldest - 1n : 0n);
			this.ctrl.abort();
			this.connect();
			return;
		}
		this.onEvent({ type: ev.type, data, id: ev.id });
	}
}
