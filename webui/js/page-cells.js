// SPDX-License-Identifier: GPL-2.0
// Cells: live list, lifecycle actions for operators (destructive ones
// confirmed), per-cell statistics. Each action is shown only if this webd
// serves it and the role allows it.

import { api, has, session, enc } from './api.js';
import { h, clear, loading, empty, errorBox, page, confirmAction,
	 notify } from './dom.js';

const ACTIONS = [
	{ name: 'start', label: 'Start', when: s => s !== 'running' },
	{ name: 'shutdown', label: 'Shut down', danger: true,
	  when: s => s === 'running',
	  confirm: c => `Shut down cell ${c.name}? Its program stops.` },
];

function cellList(data) {
	return Array.isArray(data) ? data : data.cells || [];
}

function stats(c) {
	const s = c.statistics || c.stats;
	if (!s || typeof s !== 'object')
		return '—';
	return h('dl', { class: 'stats' }, Object.entries(s).slice(0, 6)
		.map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

export function render(main, ctx) {
	const body = h('div', {}, loading());
	clear(main, ...page('Cells', body));
	if (!has('GET', '/api/v1/cells')) {
		clear(body, empty('The cells API is not available on this webd',
			'This webd does not serve /api/v1/cells yet. The ' +
			'overview shows the hypervisor state.'));
		return;
	}
	const canAct = session.can('operator');

	async function act(cell, a) {
		if (a.confirm && !await confirmAction(a.confirm(cell), a.label))
			return;
		try {
			await api(`/api/v1/cells/${enc(cell.id)}/${a.name}`,
				  { method: 'POST', body: {} });
			notify(`${a.label}: ${cell.name}`);
		} catch (e) {
			notify(e.message, 'error');
		}
		load();
	}

	async function destroy(cell) {
		if (!await confirmAction(`Destroy cell ${cell.name}? Its CPUs ` +
			'and memory return to the root cell.', 'Destroy'))
			return;
		try {
			await api(`/api/v1/cells/${enc(cell.id)}`,
				  { method: 'DELETE' });
			notify(`Destroyed ${cell.name}`);
		} catch (e) {
			notify(e.message, 'error');
		}
		load();
	}

	function row(c) {
		const buttons = [];
		if (canAct) {
			for (const a of ACTIONS) {
				if (a.when(c.state) && has('POST',
				    `/api/v1/cells/{id}/${a.name}`)) {
					buttons.push(h('button', { type: 'button',
						class: a.danger ? 'danger' : '',
						onclick: () => act(c, a) }, a.label));
				}
			}
			if (has('DELETE', '/api/v1/cells/{id}')) {
				buttons.push(h('button', { type: 'button',
					class: 'danger',
					onclick: () => destroy(c) }, 'Destroy'));
			}
		}
		return h('tr', {},
			h('td', {}, String(c.id)),
			h('td', {}, c.name),
			h('td', {}, h('span', { class: `badge st-${c.state}` },
				c.state)),
			h('td', {}, Array.isArray(c.cpus) ? c.cpus.join(', ') :
				String(c.cpus ?? '—')),
			h('td', {}, stats(c)),
			h('td', { class: 'row-actions' },
				h('a', { href: `#/jitter/${enc(c.id)}` }, 'Jitter'),
				buttons));
	}

	async function createForm() {
		if (!canAct || !has('POST', '/api/v1/cells'))
			return null;
		const select = h('select', { id: 'new-cell-config' });
		try {
			const { data } = await api('/api/v1/configs');
			for (const c of data.configs || data)
				if (c.type !== 'system')
					select.append(h('option', { value: c.name },
						c.name));
		} catch {
			// no configs API: nothing to create from
		}
		if (!select.options.length)
			return null;
		return h('form', { class: 'inline', onsubmit: async ev => {
			ev.preventDefault();
			try {
				await api('/api/v1/cells', { method: 'POST',
					body: { config: select.value } });
				notify(`Created a cell from ${select.value}`);
			} catch (e) {
				notify(e.message, 'error');
			}
			load();
		} }, h('label', { for: 'new-cell-config' },
			'Create a cell from config'), select,
		h('button', { type: 'submit' }, 'Create'));
	}

	async function load() {
		try {
			const { data } = await api('/api/v1/cells');
			const list = cellList(data);
			const form = await createForm();
			if (!list.length) {
				clear(body, form, empty('No cells',
					'Only the root cell runs. ' + (form ?
					'Create one from a stored config.' :
					'Cells are created from stored configs.')));
				return;
			}
			clear(body, form, h('table', { class: 'list' },
				h('caption', { class: 'sr-only' }, 'Cells'),
				h('thead', {}, h('tr', {}, ['ID', 'Name', 'State',
					'CPUs', 'Statistics', 'Actions'].map(t =>
					h('th', { scope: 'col' }, t)))),
				h('tbody', {}, list.map(row))));
		} catch (e) {
			clear(body, errorBox(e));
		}
	}
	for (const t of ['cell.created', 'cell.state', 'cell.changed',
			 'cell.destroyed', 'system.enabled', 'system.disabled'])
		ctx.on(t, load);
	load();
}
