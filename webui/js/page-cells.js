// SPDX-License-Identifier: GPL-2.0
// Cells: the live list (GET /api/v1/cells, refreshed by the cell.* and
// system.state events), per-cell exit statistics (GET /api/v1/cells/{id})
// and, for operators, the lifecycle: create from a stored cell config,
// load an image, start, shut down, destroy (the destructive ones
// confirmed). Each action is shown only if this webd serves it and the
// role allows it. Below the cells, the root cell's ivshmem links
// (GET /api/v1/ivshmem) and what runs behind each peer.

import { api, has, session, enc } from './api.js';
import { h, clear, loading, empty, errorBox, page, confirmAction,
	 notify } from './dom.js';

const CELL = '/api/v1/cells/{id}';
const RUNNING = new Set(['running', 'running/locked']);
const LINKS_POLL_MS = 5000;

export function stateClass(state) {
	return `badge st-${String(state).replace(/[^a-z]+/g, '-')}`;
}

function exits(detail) {
	const s = detail && detail.statistics;
	if (!s || !s.exits)
		return h('span', { class: 'muted' }, '—');
	const rows = Object.entries(s.exits).filter(([, v]) => v > 0);
	if (!rows.length)
		return h('span', { class: 'muted' }, 'no exits');
	return h('dl', { class: 'stats' }, rows.map(([k, v]) =>
		[h('dt', {}, k), h('dd', {}, String(v))]));
}

// What a peer's state says, in words (webd names the protocols it knows).
function peerState(p) {
	if (p.state === 0)
		return 'not present';
	if (p.protocol === 'ivshmem-demo')
		return 'running the ivshmem demo';
	if (p.protocol === 'jitter')
		return 'publishing jitter statistics';
	return `state 0x${p.state.toString(16)}`;
}

function peerCell(p) {
	if (!p.cell)
		return h('span', { class: 'muted' }, 'no cell');
	const name = `${p.cell.name} (id ${p.cell.id})`;
	return p.protocol === 'jitter' ? h('a', {
		href: `#/jitter/${enc(p.cell.id)}`,
		title: `Jitter of ${p.cell.name}` }, name) : name;
}

function linksTable(devices) {
	const rows = devices.flatMap(d => d.peers_state.map(p =>
		h('tr', { 'data-link': d.bdf || d.uio, 'data-peer': p.peer },
			h('td', { title: [d.pci, d.uio].filter(Boolean)
				.join(', ') }, d.bdf || d.uio),
			h('td', {}, String(p.peer)),
			h('td', {}, peerCell(p)),
			h('td', {}, peerState(p)))));
	if (!rows.length)
		return empty('No ivshmem links', 'The root cell has no ' +
			'ivshmem endpoint (webd finds new ones within its ' +
			'driver poll interval).');
	return h('table', { class: 'list links' },
		h('caption', { class: 'sr-only' }, 'ivshmem links of the ' +
			'root cell'),
		h('thead', {}, h('tr', {}, ['Device', 'Peer', 'Cell', 'State']
			.map(t => h('th', { scope: 'col' }, t)))),
		h('tbody', {}, rows));
}

function problemText(e) {
	const p = e && e.problem;
	return p && p.reason && !String(p.detail || '').includes(p.reason) ?
		`${e.message} (${p.reason})` : e.message;
}

export function render(main, ctx) {
	const body = h('div', {}, loading());
	const linksBody = h('div', {}, loading());
	const links = h('section', { id: 'links',
		'aria-labelledby': 'links-title' },
		h('h2', { id: 'links-title' }, 'Links (ivshmem)'), linksBody);
	clear(main, ...page('Cells', body, links));
	if (!has('GET', '/api/v1/cells')) {
		clear(body, empty('The cells API is not available on this webd',
			'This webd does not serve /api/v1/cells yet. The ' +
			'overview shows the hypervisor state.'));
		links.remove();
		return;
	}
	const canAct = session.can('operator');
	const can = op => canAct && has('POST', `${CELL}/${op}`);
	let loadFor = null;	// id of the cell whose load form is open
	let seq = 0;

	async function post(cell, op, query = '', opts = {}) {
		return api(`/api/v1/cells/${enc(cell.id)}/${op}${query}`,
			   { method: 'POST', ...opts });
	}

	async function start(c) {
		try {
			await post(c, 'start');
			notify(`Started ${c.name}`);
		} catch (e) {
			notify(problemText(e), 'error');
		}
		load();
	}

	async function shutdown(c) {
		if (!await confirmAction(`Shut down cell ${c.name}? Its ` +
			'program is asked to stop.', 'Shut down'))
			return;
		try {
			await post(c, 'shutdown');
			notify(`Shut down ${c.name}`);
		} catch (e) {
			if (e.problem && e.problem.type ===
			    'urn:bulkhead:problem:shutdown-denied') {
				if (await confirmAction(`Cell ${c.name} refused ` +
					`to shut down (${e.message}). Stop it ` +
					'anyway? Its program gets no chance to ' +
					'finish.', 'Force shutdown')) {
					try {
						await post(c, 'shutdown',
							   '?force=true');
						notify(`Stopped ${c.name} (forced)`);
					} catch (e2) {
						notify(problemText(e2), 'error');
					}
				}
			} else {
				notify(problemText(e), 'error');
			}
		}
		load();
	}

	async function destroy(c) {
		if (!await confirmAction(`Destroy cell ${c.name}? ` +
			(RUNNING.has(c.state) ? 'It is running and stops. ' :
			'') + 'Its CPUs and memory return to the root cell.',
			'Destroy'))
			return;
		try {
			await post(c, 'destroy');
			notify(`Destroyed ${c.name}`);
		} catch (e) {
			notify(problemText(e), 'error');
		}
		load();
	}

	// Upload an image into the cell's memory: raw body, guest-physical
	// load address (webd: POST /cells/{id}/load?address=A).
	function loadForm(c) {
		const fileId = `load-file-${c.id}`, addrId = `load-addr-${c.id}`;
		const file = h('input', { type: 'file', id: fileId,
			required: true });
		const addr = h('input', { id: addrId, value: '0x0',
			required: true, pattern: '(0x[0-9a-fA-F]+|[0-9]+)',
			size: 12, 'aria-describedby': `load-help-${c.id}` });
		const busy = h('span', { role: 'status', class: 'muted' });
		return h('form', { class: 'inline load-form',
			'aria-label': `Load an image into ${c.name}`,
			onsubmit: async ev => {
				ev.preventDefault();
				const f = file.files[0];
				if (!f)
					return;
				busy.textContent = `Loading ${f.name}…`;
				try {
					const r = await post(c, 'load',
						`?address=${enc(addr.value.trim())}`,
						{ body: f, headers: { 'Content-Type':
						  'application/octet-stream' } });
					const l = r.data && r.data.loaded;
					notify(`Loaded ${f.name} into ${c.name}` +
						(l ? ` (${l.size} bytes at ${
						 typeof l.address === 'number' ?
						 '0x' + l.address.toString(16) :
						 l.address})` : ''));
					loadFor = null;
				} catch (e) {
					busy.textContent = '';
					notify(problemText(e), 'error');
					return;
				}
				load();
			} },
			h('label', { for: fileId }, `Image for ${c.name}`), file,
			h('label', { for: addrId }, 'Load address'), addr,
			h('span', { id: `load-help-${c.id}`, class: 'help' },
				'guest-physical, decimal or 0x hex'),
			h('button', { type: 'submit' }, 'Load'),
			h('button', { type: 'button', class: 'secondary',
				onclick: () => { loadFor = null; load(); } },
				'Cancel'), busy);
	}

	function row(c, detail) {
		const buttons = [];
		if (!c.root && canAct) {
			if (!RUNNING.has(c.state) && can('load'))
				buttons.push(h('button', { type: 'button',
					class: 'secondary', 'aria-expanded':
						String(loadFor === c.id),
					onclick: () => { loadFor = c.id; load(); } },
					'Load image…'));
			if (!RUNNING.has(c.state) && c.state !== 'failed' &&
			    can('start'))
				buttons.push(h('button', { type: 'button',
					onclick: () => start(c) }, 'Start'));
			if (RUNNING.has(c.state) && can('shutdown'))
				buttons.push(h('button', { type: 'button',
					class: 'danger',
					onclick: () => shutdown(c) }, 'Shut down'));
			if (can('destroy'))
				buttons.push(h('button', { type: 'button',
					class: 'danger',
					onclick: () => destroy(c) }, 'Destroy'));
		}
		const tr = h('tr', { 'data-cell': c.root ? 'root' : c.name },
			h('td', {}, String(c.id)),
			h('td', {}, c.root ? 'root cell' : c.name),
			h('td', {}, h('span', { class: stateClass(c.state) },
				c.state)),
			h('td', {}, Array.isArray(c.cpus) ? c.cpus.join(', ') :
				c.root ? 'the rest' : '—'),
			h('td', {}, c.config || h('span', { class: 'muted' },
				'unknown')),
			h('td', {}, exits(detail)),
			h('td', { class: 'row-actions' }, !c.root &&
				h('a', { href: `#/jitter/${enc(c.id)}` }, 'Jitter'),
				buttons));
		if (loadFor !== c.id)
			return tr;
		return [tr, h('tr', { class: 'sub' }, h('td', { colspan: 7 },
			loadForm(c)))];
	}

	async function createForm() {
		if (!canAct || !has('POST', '/api/v1/cells') ||
		    !has('GET', '/api/v1/configs'))
			return null;
		const select = h('select', { id: 'new-cell-config' });
		try {
			const { data } = await api('/api/v1/configs');
			for (const c of data.configs || [])
				if (c.kind === 'cell')
					select.append(h('option', { value: c.name },
						c.cell_name && c.cell_name !== c.name ?
						`${c.name} (cell ${c.cell_name})` :
						c.name));
		} catch (e) {
			return h('p', { class: 'muted' }, 'Stored configs ' +
				`cannot be read: ${e.message}`);
		}
		if (!select.options.length)
			return h('p', { class: 'muted' }, 'No cell config is ' +
				'stored: upload one on the ', h('a', {
				href: '#/configs' }, 'Configs'), ' page to ' +
				'create a cell.');
		return h('form', { class: 'inline', id: 'cell-create',
			onsubmit: async ev => {
			ev.preventDefault();
			try {
				const r = await api('/api/v1/cells', {
					method: 'POST',
					body: { config: select.value } });
				notify(`Created cell ${r.data.name} (id ` +
				       `${r.data.id}) from ${select.value}`);
			} catch (e) {
				notify(problemText(e), 'error');
			}
			load();
		} }, h('label', { for: 'new-cell-config' },
			'Create a cell from config'), select,
		h('button', { type: 'submit' }, 'Create'));
	}

	// The links, for the hypervisor state the cell list just gave.
	let linkSeq = 0, enabled = false;
	async function loadLinks() {
		const mine = ++linkSeq;
		if (!has('GET', '/api/v1/ivshmem')) {
			clear(linksBody, empty('Links are not reported by ' +
				'this webd', 'It does not serve /api/v1/ivshmem.'));
			return;
		}
		if (!enabled) {
			clear(linksBody, empty('No links', 'ivshmem links ' +
				'exist only while the hypervisor is enabled.'));
			return;
		}
		try {
			const { data } = await api('/api/v1/ivshmem');
			if (mine === linkSeq)
				clear(linksBody, linksTable(data.devices || []));
		} catch (e) {
			if (mine === linkSeq)
				clear(linksBody, errorBox(e));
		}
	}

	async function load() {
		const mine = ++seq;
		try {
			const { data } = await api('/api/v1/cells');
			const list = data.cells || [];
			const details = await Promise.all(list.map(c =>
				api(`/api/v1/cells/${enc(c.id)}`).then(r => r.data,
					() => null)));
			const form = data.state === 'enabled' ?
				await createForm() : null;
			if (mine !== seq)
				return;
			enabled = data.state === 'enabled';
			loadLinks();
			if (data.state !== 'enabled') {
				clear(body, empty(data.state === 'absent' ?
					'The hypervisor is absent' :
					'The hypervisor is disabled',
					'Cells run only while the hypervisor is ' +
					'enabled; the overview enables it.'));
				return;
			}
			const cells = list.filter(c => !c.root);
			clear(body, form, h('table', { class: 'list cells' },
				h('caption', { class: 'sr-only' }, 'Cells'),
				h('thead', {}, h('tr', {}, ['ID', 'Name', 'State',
					'CPUs', 'Config', 'Exits', 'Actions']
					.map(t => h('th', { scope: 'col' }, t)))),
				h('tbody', {}, list.map((c, k) =>
					row(c, details[k])))),
			cells.length ? null : empty('No cells yet',
				'Only the root cell runs. ' + (form ?
				'Create one from a stored config.' :
				'Cells are created from stored configs.')));
			if (loadFor !== null)
				body.querySelector(`#load-file-${loadFor}`)
					?.focus();
		} catch (e) {
			if (mine === seq) {
				clear(body, errorBox(e));
				enabled = false;
				clear(linksBody);
			}
		}
	}
	// Live updates; not while a load form is open (a re-render would
	// drop the chosen file): it reloads when closed.
	const refresh = () => {
		if (loadFor === null)
			load();
	};
	for (const t of ['cell.created', 'cell.state', 'cell.destroyed',
			 'system.state', 'config.created', 'config.deleted'])
		ctx.on(t, refresh);
	// A program announces its protocol by writing its state, which no
	// event reports (and webd sees new endpoints only at its next
	// driver poll): the links are re-read while the page is shown.
	const timer = setInterval(loadLinks, LINKS_POLL_MS);
	ctx.onDispose(() => clearInterval(timer));
	load();
}
