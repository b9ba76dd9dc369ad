// SPDX-License-Identifier: GPL-2.0
// Jitter of one cell, live from /api/v1/cells/{id}/jitter: structured
// events {cur_ns, min_ns, avg_ns, max_ns, hist}. The numbers are shown as
// text too (readable at a distance, and by screen readers).

import { api, has, enc } from './api.js';
import { Stream } from './sse.js';
import { h, clear, empty, page } from './dom.js';
import { TimeSeries, drawHistogram, fmtNs, SERIES } from './chart.js';

const STREAM = '/api/v1/cells/{id}/jitter';

function picker(current) {
	const input = h('input', { id: 'jitter-cell', value: current || '',
		placeholder: 'cell id or name', required: true });
	const list = h('datalist', { id: 'jitter-cells' });
	input.setAttribute('list', 'jitter-cells');
	if (has('GET', '/api/v1/cells')) {
		api('/api/v1/cells').then(({ data }) => {
			for (const c of data.cells || data)
				list.append(h('option', { value: String(c.id) },
					c.name));
		}).catch(() => {});
	}
	return h('form', { class: 'inline', onsubmit: ev => {
		ev.preventDefault();
		location.hash = `#/jitter/${enc(input.value.trim())}`;
	} }, h('label', { for: 'jitter-cell' }, 'Cell'), input, list,
	h('button', { type: 'submit' }, 'Show'));
}

export function render(main, ctx) {
	const id = ctx.params[0];
	const title = id ? `Jitter · cell ${id}` : 'Jitter';
	const body = h('div', {});
	clear(main, ...page(title, picker(id), body));
	if (!has('GET', STREAM)) {
		clear(body, empty('No jitter stream on this webd',
			'This webd does not serve per-cell jitter statistics ' +
			'yet. Once it does, a running jitter demo cell shows ' +
			'its latencies here live.'));
		return;
	}
	if (!id) {
		clear(body, empty('Pick a cell', 'Enter the id of a running ' +
			'cell that reports jitter statistics.'));
		return;
	}
	const status = h('span', { class: 'stream-status', role: 'status' },
		'connecting…');
	const counter = h('span', { class: 'muted' }, '');
	const numbers = h('dl', { class: 'numbers' }, SERIES.map(s => [
		h('dt', { class: 'key', 'data-series': s.key }, s.label),
		h('dd', { id: `n-${s.key}` }, '—')]));
	const ts = h('canvas', { class: 'chart', role: 'img',
		'aria-label': 'Latency over time: cur, min, avg and max' });
	const hist = h('canvas', { class: 'chart hist', role: 'img',
		'aria-label': 'Latency histogram' });
	const waiting = empty('Waiting for the first report',
		'The stream is open; the cell has not reported yet.');
	const view = h('div', { class: 'jitter', hidden: true },
		numbers,
		h('figure', {}, ts, h('figcaption', {}, 'Latency per report')),
		h('figure', {}, hist, h('figcaption', {}, 'Histogram')));
	clear(body, h('p', {}, 'Stream: ', status, ' ', counter), waiting,
	      view);
	const series = new TimeSeries(ts);
	let count = 0;

	const stream = new Stream(STREAM.replace('{id}', enc(id)), {
		onStatus(s, detail) {
			status.dataset.state = s;
			status.textContent = {
				open: 'live', connecting: 'connecting…',
				reconnecting: `reconnecting… (${detail || ''})`,
				unavailable: 'no such cell or no jitter stream',
				denied: 'not allowed', closed: 'closed',
			}[s] || s;
		},
		onEvent({ data }) {
			if (!data || typeof data !== 'object' ||
			    data.cur_ns === undefined)
				return;
			count++;
			waiting.hidden = true;
			view.hidden = false;
			for (const s of SERIES) {
				main.querySelector(`#n-${s.key}`).textContent =
					fmtNs(data[s.key]);
			}
			series.push(data);
			drawHistogram(hist, data.hist);
			counter.textContent = `· ${count} reports received`;
		},
	}).start();
	return () => {
		stream.stop();
		series.destroy();
	};
}
