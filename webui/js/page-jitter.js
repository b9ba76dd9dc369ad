// SPDX-License-Identifier: GPL-2.0
// Jitter of one cell, live from /api/v1/cells/{id}/jitter: one `jitter`
// event per JITTER v1 window the cell reports (webd/README.md): {cell_id,
// cell, seq, samples, period_ns, cur_ns, min_ns, avg_ns, max_ns,
// overruns, ..., hist: [16 counts], source}. The numbers are shown as text too
// (readable at a distance, and by screen readers).

import { api, has, enc } from './api.js';
import { Stream } from './sse.js';
import { h, clear, empty, errorBox, page } from './dom.js';
import { TimeSeries, drawHistogram, fmtNs, SERIES,
	 normalizeHist } from './chart.js';

const STREAM = '/api/v1/cells/{id}/jitter';
// Where webd took the window from (the event's "source").
const SOURCES = {
	shmem: 'shared memory (ivshmem)',
	console: 'console lines',
};

function picker(current) {
	const input = h('input', { id: 'jitter-cell', value: current || '',
		placeholder: 'cell id or name', required: true });
	const list = h('datalist', { id: 'jitter-cells' });
	input.setAttribute('list', 'jitter-cells');
	if (has('GET', '/api/v1/cells')) {
		api('/api/v1/cells').then(({ data }) => {
			for (const c of data.cells || [])
				if (!c.root)
					list.append(h('option', {
						value: String(c.id) },
						`${c.name} (${c.state})`));
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
		clear(body, empty('Pick a cell', 'Enter the id or name of a ' +
			'cell that runs the timer-jitter demo.'));
		return;
	}
	const status = h('span', { class: 'stream-status', role: 'status' },
		'connecting…');
	const counter = h('span', { id: 'jitter-count', class: 'muted' }, '');
	const numbers = h('dl', { class: 'numbers' }, SERIES.map(s => [
		h('dt', { class: 'key', 'data-series': s.key }, s.label),
		h('dd', { id: `n-${s.key}` }, '—')]));
	const facts = h('dl', { class: 'facts', id: 'jitter-window' });
	const ts = h('canvas', { class: 'chart', role: 'img',
		'aria-label': 'Latency per window over time: cur, min, avg ' +
			'and max' });
	const hist = h('canvas', { class: 'chart hist', role: 'img',
		'aria-label': 'Latency histogram of the last window' });
	const histTable = h('table', { class: 'list hist-table' },
		h('caption', {}, 'Histogram of the last window'),
		h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Latency'),
			h('th', { scope: 'col' }, 'Samples'))),
		h('tbody', {}));
	const waiting = empty('Waiting for the first report',
		'The stream is open; the cell has not reported yet (the ' +
		'timer-jitter demo reports once per window).');
	const view = h('div', { class: 'jitter', hidden: true },
		numbers, facts,
		h('figure', {}, ts, h('figcaption', {}, 'Latency per window')),
		h('figure', {}, hist, h('figcaption', {}, 'Histogram')),
		h('details', {}, h('summary', {}, 'Histogram as a table'),
			histTable));
	clear(body, h('p', {}, 'Stream: ', status, ' ', counter), waiting,
	      view);
	const series = new TimeSeries(ts);
	let count = 0;

	function showWindow(d) {
		clear(facts,
			h('dt', {}, 'Cell'), h('dd', {}, `${d.cell} (id ` +
				`${d.cell_id})`),
			h('dt', {}, 'Window'), h('dd', { id: 'n-seq' },
				String(d.seq)),
			h('dt', {}, 'Samples'), h('dd', { id: 'n-samples' },
				String(d.samples)),
			h('dt', {}, 'Period'), h('dd', {}, fmtNs(d.period_ns)),
			h('dt', {}, 'Overruns'), h('dd', { id: 'n-overruns' },
				String(d.overruns ?? '—')),
			h('dt', {}, 'Read from'), h('dd', { id: 'n-source' },
				SOURCES[d.source] || '—'));
		const hs = normalizeHist(d.hist);
		clear(histTable.tBodies[0], hs ? hs.counts.map((c, k) =>
			h('tr', {}, h('td', {}, hs.label(k)),
				h('td', {}, String(c)))) : []);
	}

	let stream = null, disposed = false;
	const idle = h('div', {});
	body.prepend(idle);

	// Cells exist only while the hypervisor is enabled (webd answers the
	// stream 503 otherwise): say so, and open the stream once it is.
	async function begin() {
		let sys;
		try {
			sys = (await api('/api/v1/system')).data;
		} catch (e) {
			clear(idle, errorBox(e));
			return;
		}
		if (stream || disposed)
			return;
		if (sys.state !== 'enabled') {
			clear(idle, empty(`The hypervisor is ${sys.state}`,
				'No cell runs; this view connects once the ' +
				'hypervisor is enabled.'));
			waiting.hidden = true;
			return;
		}
		clear(idle);
		waiting.hidden = false;
		stream = new Stream(STREAM.replace('{id}', enc(id)), {
			onStatus(s, detail) {
				status.dataset.state = s;
				status.textContent = {
					open: 'live', connecting: 'connecting…',
					reconnecting: `reconnecting… (${detail || ''})`,
					unavailable: 'no such cell (it may have been ' +
						'destroyed)',
					denied: 'not allowed', closed: 'closed',
				}[s] || s;
			},
			onEvent({ type, data }) {
				if (type !== 'jitter' || !data ||
				    typeof data !== 'object' || data.cur_ns === undefined)
					return;
				count++;
				waiting.hidden = true;
				view.hidden = false;
				for (const s of SERIES) {
					main.querySelector(`#n-${s.key}`).textContent =
						fmtNs(data[s.key]);
				}
				showWindow(data);
				series.push(data);
				drawHistogram(hist, data.hist);
				counter.textContent = `· ${count} reports received`;
			},
		}).start();
	}
	ctx.on('system.state', d => {
		if (d && d.state === 'enabled')
			begin();
	});
	begin();
	return () => {
		disposed = true;
		if (stream)
			stream.stop();
		series.destroy();
	};
}
