// SPDX-License-Identifier: GPL-2.0
// Overview: hypervisor state, CPUs and their cells, page-pool usage.

import { api, has, session, enc } from './api.js';
import { h, clear, loading, errorBox, page, confirmAction, notify,
	 fmtBytes } from './dom.js';

const STATE_TEXT = {
	absent: ['Hypervisor absent', 'The bulkhead driver is not loaded on ' +
		 'this machine. Configs, board profiles and the generator ' +
		 'work; cells cannot run.'],
	disabled: ['Hypervisor disabled', 'The driver is loaded; Linux owns ' +
		   'the whole machine until the hypervisor is enabled.'],
	enabled: ['Hypervisor enabled', 'Linux runs as the root cell; cells ' +
		  'own their CPUs, memory and devices.'],
};

function meter(label, used, total, unit = fmtBytes) {
	const pct = total ? Math.round(used / total * 100) : 0;
	return h('div', { class: 'meter-row' },
		h('span', {}, label),
		h('meter', { min: 0, max: total || 1, value: used || 0,
			     'aria-label': label }),
		h('span', {}, `${unit(used)} of ${unit(total)} (${pct} %)`));
}

// "0x70100000", "1M", "4K", "0x2eff0000", "1008M" -> bytes (webd's
// canonical config JSON: addresses in hex, sizes with units or in hex).
export function parseSize(v) {
	if (typeof v === 'number')
		return v;
	const m = /^(0x[0-9a-f]+|\d+)([KMGT]?)$/i.exec(String(v).trim());
	if (!m)
		return NaN;
	const n = Number(m[1]);
	return n * 1024 ** ' KMGT'.indexOf(m[2].toUpperCase() || ' ');
}

const hex = n => '0x' + n.toString(16).padStart(8, '0');

// Physical ownership: each cell's regions are its own; the root cell owns
// what remains of its regions (the hypervisor takes a cell's memory away
// from the root cell while the cell exists). A cell region flagged
// rootshared (a UART both use, an ivshmem link) stays the root cell's
// too: it is not carved out, the root's row names the cells that share
// it; one the root's config does not cover is the cell's row, marked
// shared. Comm regions are the hypervisor's page mapped into a cell, not
// a physical range: left out.
function regionsOf(details) {
	const cells = [], root = [];
	for (const d of details) {
		for (const r of d.memory_regions || []) {
			const flags = r.flags || [];
			if (flags.includes('comm_region'))
				continue;
			const start = parseSize(r.phys_start);
			const size = parseSize(r.size);
			if (!(size > 0) || Number.isNaN(start))
				continue;
			(d.root ? root : cells).push({ start,
				end: start + size, flags,
				owner: d.root ? 'root cell' : d.name,
				root: !!d.root, id: d.id,
				shared: flags.includes('rootshared') });
		}
	}
	return { root, own: cells.filter(c => !c.shared),
		 shared: cells.filter(c => c.shared) };
}

export function memoryMap(details) {
	const { root, own, shared } = regionsOf(details);
	const out = [...own];
	for (const r of root) {
		let pieces = [[r.start, r.end]];
		for (const c of own) {
			pieces = pieces.flatMap(([a, b]) => c.end <= a ||
				c.start >= b ? [[a, b]] : [[a, c.start],
				[c.end, b]].filter(([x, y]) => y > x));
		}
		for (const [a, b] of pieces) {
			const with_ = shared.filter(c => c.start < b &&
				c.end > a).map(c => c.owner);
			out.push({ ...r, start: a, end: b,
				   sharedWith: [...new Set(with_)] });
		}
	}
	for (const c of shared)
		if (!root.some(r => r.start <= c.start && r.end >= c.end))
			out.push(c);
	return out.sort((x, y) => x.start - y.start);
}

function ownerText(r) {
	if (r.root)
		return r.sharedWith?.length ? `${r.owner}, shared with ` +
			r.sharedWith.join(', ') : r.owner;
	return r.shared ? `${r.owner} (shared with the root cell)` :
		r.owner;
}

function memoryTable(rows) {
	return h('table', { class: 'list memmap', id: 'memmap' },
		h('caption', { class: 'sr-only' }, 'Memory map'),
		h('thead', {}, h('tr', {}, ['Start', 'End', 'Size', 'Owner',
			'Flags'].map(t => h('th', { scope: 'col' }, t)))),
		h('tbody', {}, rows.map(r => h('tr', { class: r.root ?
			'root' : 'cell', 'data-owner': r.owner,
			'data-shared': r.shared || r.sharedWith?.length ?
				'yes' : 'no' },
			h('td', {}, h('code', {}, hex(r.start))),
			h('td', {}, h('code', {}, hex(r.end - 1))),
			h('td', {}, fmtBytes(r.end - r.start)),
			h('td', {}, r.root ? ownerText(r) : h('a', { href:
				'#/cells' }, ownerText(r))),
			h('td', {}, r.flags.join(', '))))));
}

function cpuGrid(cpus) {
	return h('ul', { class: 'cpus', 'aria-label': 'CPUs', id: 'cpus' },
		cpus.map(({ cpu, owner, root }) => h('li', {
			class: root ? 'root' : 'cell', 'data-cpu': cpu },
			h('strong', {}, `CPU ${cpu}`),
			h('span', {}, owner))));
}

// Stored system configs (what POST /system/enable takes).
async function systemConfigs() {
	if (!has('GET', '/api/v1/configs'))
		return [];
	try {
		const { data } = await api('/api/v1/configs');
		return (data.configs || []).filter(c => c.kind === 'system');
	} catch {
		return [];
	}
}

function systemCard(sys, systems, reload) {
	const [title, text] = STATE_TEXT[sys.state] ||
		[`Hypervisor ${sys.state}`, ''];
	const card = h('section', { class: `card hv hv-${sys.state}`,
				    'aria-labelledby': 'hv-title' },
		h('h2', { id: 'hv-title' }, h('span', { class: 'badge ' +
			`st-${sys.state}` }, sys.state), ' ', title),
		h('p', {}, text),
		h('dl', { class: 'facts' },
			h('dt', {}, 'Driver'), h('dd', {},
				sys.driver_loaded ? 'loaded' : 'not loaded'),
			sys.driver_version && [h('dt', {}, 'Driver version'),
				h('dd', {}, sys.driver_version)],
			h('dt', {}, 'webd'), h('dd', {}, sys.webd_version || '—'),
			sys.state === 'enabled' && [h('dt', {}, 'System config'),
				h('dd', {}, sys.config || 'not known to webd ' +
				  '(enabled outside it)')]));
	const op = session.can('operator');
	if (op && sys.state === 'disabled' &&
	    has('POST', '/api/v1/system/enable')) {
		if (systems.length) {
			const select = h('select', { id: 'enable-config' },
				systems.map(c => h('option', { value: c.name },
					c.name)));
			card.append(h('form', { class: 'inline actions',
				onsubmit: ev => {
					ev.preventDefault();
					act('enable', { config: select.value });
				} }, h('label', { for: 'enable-config' },
				'System config'), select, h('button',
				{ type: 'submit' }, 'Enable hypervisor')));
		} else {
			card.append(h('p', { class: 'muted' }, 'To enable the ' +
				'hypervisor, store a system config on the ',
				h('a', { href: '#/configs' }, 'Configs'),
				' page first.'));
		}
	}
	if (op && sys.state === 'enabled' &&
	    has('POST', '/api/v1/system/disable')) {
		card.append(h('div', { class: 'actions' }, h('button', {
			type: 'button', class: 'danger', onclick: () =>
			act('disable') }, 'Disable hypervisor')));
	}

	async function act(what, body) {
		if (what === 'disable' && !await confirmAction(
			'Disable the hypervisor? Every cell is destroyed and ' +
			'Linux gets the whole machine back.', 'Disable'))
			return;
		try {
			await api(`/api/v1/system/${what}`, { method: 'POST',
							       body });
			notify(`Hypervisor ${what}d`);
		} catch (e) {
			const p = e.problem || {};
			notify(p.reason && !String(e.message).includes(p.reason) ?
				`${e.message} (${p.reason})` : e.message,
				'error');
		}
		reload();
	}
	return card;
}

// CPUs and memory by owner, from the cells API: the root cell's CPUs are
// those its detail view reports statistics for (the CPUs no cell holds,
// as the driver lists them), each cell's from its entry; memory regions
// from each cell's stored config (webd/README.md, "Cells").
async function resourcesCard(sys) {
	const card = h('section', { class: 'card', 'aria-labelledby':
		'res-title' }, h('h2', { id: 'res-title' }, 'Resources'));
	if (sys.state !== 'enabled') {
		card.append(h('p', { class: 'muted' }, 'CPU ownership and the ' +
			'memory map appear once the hypervisor is enabled.'));
		return card;
	}
	if (!has('GET', '/api/v1/cells') || !has('GET', '/api/v1/cells/{id}')) {
		card.append(h('p', { class: 'muted' }, 'This webd does not ' +
			'serve the cells API: CPU and memory ownership unknown.'));
		return card;
	}
	const { data } = await api('/api/v1/cells');
	const details = await Promise.all((data.cells || []).map(c =>
		api(`/api/v1/cells/${enc(c.id)}`).then(r => r.data)));
	const cpus = [];
	const notes = [];
	for (const d of details) {
		if (d.root) {
			const per = d.statistics && d.statistics.exits_per_cpu;
			if (Array.isArray(per))
				for (const r of per)
					cpus.push({ cpu: r.cpu, owner: 'root cell',
						    root: true });
			else
				notes.push('The driver does not list the root ' +
					'cell\'s CPUs.');
		} else {
			for (const c of d.cpus || [])
				cpus.push({ cpu: c, owner: `${d.name} ` +
					`(${d.state})`, root: false });
		}
	}
	cpus.sort((a, b) => a.cpu - b.cpu);
	card.append(h('h3', {}, 'CPUs'), cpus.length ? cpuGrid(cpus) :
		h('p', { class: 'muted' }, 'No CPU reported.'));
	for (const d of details)
		if (!d.memory_regions)
			notes.push(d.root ? 'The root cell\'s memory is not ' +
				'shown: the hypervisor was enabled without webd, ' +
				'which therefore does not know its system config.' :
				`Cell ${d.name}'s memory is not shown: no stored ` +
				'config matches it.');
	const rows = memoryMap(details);
	card.append(h('h3', {}, 'Memory map'), rows.length ? memoryTable(rows) :
		h('p', { class: 'muted' }, 'No memory regions known.'),
		...notes.map(n => h('p', { class: 'muted note' }, n)));
	const pool = sys.page_pool;
	if (pool && pool.total !== undefined) {
		card.append(h('h3', {}, 'Hypervisor page pool'),
			    meter('Used', pool.used, pool.total));
	} else {
		card.append(h('p', { class: 'muted' }, 'Page-pool usage: this ' +
			'webd does not report it yet (not in the driver\'s ' +
			'sysfs).'));
	}
	return card;
}

export function render(main, ctx) {
	const body = h('div', { class: 'grid' }, loading());
	clear(main, ...page('Overview', body));
	let seq = 0;

	async function load() {
		const mine = ++seq;
		try {
			const { data } = await api('/api/v1/system');
			const systems = data.state === 'disabled' ?
				await systemConfigs() : [];
			const res = await resourcesCard(data);
			if (mine !== seq)
				return;
			clear(body, systemCard(data, systems, load), res);
		} catch (e) {
			if (mine === seq)
				clear(body, errorBox(e));
		}
	}
	for (const t of ['system.state', 'cell.created', 'cell.state',
			 'cell.destroyed', 'config.created', 'config.deleted'])
		ctx.on(t, load);
	load();
}
