// SPDX-License-Identifier: GPL-2.0
// The hypervisor console, live from /api/v1/console: cell filter, pause,
// search and download. Each `console` event is {line, source, cell_id?}:
// source "hv" (the hypervisor), a cell's name, or null for a line without
// a tag (webd/README.md).

import { has } from './api.js';
import { Stream } from './sse.js';
import { h, clear, empty, page, download } from './dom.js';

const KEEP = 5000;	// lines kept in memory
const SHOW = 1000;	// lines rendered

// The tag as `bulkhead console` prints it.
function tag(l) {
	return l.cell === 'hv' ? '[hv] ' : l.cell ? `[cell:${l.cell}] ` : '';
}

function highlight(text, q) {
	if (!q)
		return text;
	const out = [];
	const lower = text.toLowerCase();
	let i = 0, k;
	while ((k = lower.indexOf(q, i)) >= 0) {
		out.push(text.slice(i, k), h('mark', {},
			text.slice(k, k + q.length)));
		i = k + q.length;
	}
	out.push(text.slice(i));
	return out;
}

export function render(main) {
	const body = h('div', {});
	clear(main, ...page('Console', body));
	if (!has('GET', '/api/v1/console')) {
		clear(body, empty('No console stream on this webd',
			'This webd does not serve the hypervisor console yet. ' +
			'On the appliance, the serial console shows it.'));
		return;
	}
	const lines = [];
	let paused = false, held = 0, frame = 0;
	const status = h('span', { class: 'stream-status', role: 'status' },
		'connecting…');
	const cell = h('select', { id: 'con-cell' },
		h('option', { value: '' }, 'all sources'));
	const search = h('input', { id: 'con-search', type: 'search',
		placeholder: 'text' });
	const pause = h('button', { type: 'button', 'aria-pressed': 'false',
		onclick: () => {
			paused = !paused;
			pause.setAttribute('aria-pressed', String(paused));
			pause.textContent = paused ? 'Resume' : 'Pause';
			held = 0;
			schedule();
		} }, 'Pause');
	const save = h('button', { type: 'button', class: 'secondary',
		onclick: () => download(`bulkhead-console-${Date.now()}.log`,
			lines.map(l => tag(l) + l.text)
				.join('\n') + '\n', 'text/plain') }, 'Download');
	const out = h('pre', { class: 'console', tabindex: '0',
		'aria-label': 'Console output', 'aria-live': 'off' });
	const note = h('p', { class: 'muted' });
	const none = empty('No console output yet',
		'Lines appear here as the hypervisor and the cells print them.');
	const cells = new Set();
	cell.addEventListener('change', schedule);
	search.addEventListener('input', schedule);

	clear(body, h('div', { class: 'toolbar' },
		h('label', { for: 'con-cell' }, 'Source'), cell,
		h('label', { for: 'con-search' }, 'Search'), search,
		pause, save, status), none, out, note);

	function schedule() {
		if (!frame)
			frame = requestAnimationFrame(draw);
	}

	function draw() {
		frame = 0;
		if (paused) {
			note.textContent = held ? `Paused: ${held} new ` +
				'line(s) held.' : 'Paused.';
			return;
		}
		const q = search.value.toLowerCase();
		const c = cell.value;
		const match = lines.filter(l => (!c || l.cell === c) &&
			(!q || l.text.toLowerCase().includes(q)));
		none.hidden = lines.length > 0;
		const shown = match.slice(-SHOW);
		clear(out, shown.map(l => [l.cell ? h('span',
			{ class: 'cell-tag' }, tag(l)) : null,
			highlight(l.text, q), '\n']));
		note.textContent = `${match.length} of ${lines.length} line(s)` +
			(match.length > SHOW ? `, last ${SHOW} shown` : '');
		out.scrollTop = out.scrollHeight;
	}

	// What webd still holds of the console first, then live.
	const stream = new Stream('/api/v1/console', { replay: true,
		onStatus(s) {
			status.dataset.state = s;
			status.textContent = s === 'open' ? 'live' : s;
		},
		onEvent({ type, data }) {
			if (type !== 'console')
				return;
			const l = typeof data === 'string' ? { text: data } :
				{ cell: data.source ? String(data.source) : '',
				  text: String(data.line ?? '') };
			if (l.cell && !cells.has(l.cell)) {
				cells.add(l.cell);
				cell.append(h('option', { value: l.cell },
					l.cell === 'hv' ? 'hypervisor' :
					`cell ${l.cell}`));
			}
			lines.push(l);
			if (lines.length > KEEP)
				lines.shift();
			if (paused)
				held++;
			schedule();
		},
	}).start();
	return () => {
		stream.stop();
		cancelAnimationFrame(frame);
	};
}
