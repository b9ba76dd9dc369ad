// SPDX-License-Identifier: GPL-2.0
// Overview: hypervisor state, CPUs and their cells, page-pool usage.

import { api, has, session } from './api.js';
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

function cpuGrid(cpus) {
	return h('ul', { class: 'cpus', 'aria-label': 'CPUs' },
		cpus.map(c => {
			const id = c.id ?? c.cpu ?? c;
			const owner = c.cell || c.owner || 'root';
			return h('li', { class: owner === 'root' ? 'root' : 'cell' },
				h('strong', {}, `CPU ${id}`),
				h('span', {}, owner));
		}));
}

function systemCard(sys, reload) {
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
			h('dt', {}, 'webd'), h('dd', {}, sys.webd_version || '—'),
			sys.version && [h('dt', {}, 'Hypervisor'),
				h('dd', {}, sys.version)]));
	const actions = h('div', { class: 'actions' });
	if (session.can('operator') && sys.state === 'disabled' &&
	    has('POST', '/api/v1/system/enable')) {
		actions.append(h('button', { type: 'button', onclick: () =>
			act('enable') }, 'Enable hypervisor'));
	}
	if (session.can('operator') && sys.state === 'enabled' &&
	    has('POST', '/api/v1/system/disable')) {
		actions.append(h('button', { type: 'button', class: 'danger',
			onclick: () => act('disable') }, 'Disable hypervisor'));
	}
	if (actions.childElementCount)
		card.append(actions);

	async function act(what) {
		if (what === 'disable' && !await confirmAction(
			'Disable the hypervisor? Every cell is destroyed and ' +
			'Linux gets the whole machine back.', 'Disable'))
			return;
		try {
			await api(`/api/v1/system/${what}`, { method: 'POST',
							       body: {} });
			notify(`Hypervisor ${what}d`);
		} catch (e) {
			notify(e.message, 'error');
		}
		reload();
	}
	return card;
}

function resourcesCard(sys) {
	const pool = sys.page_pool || sys.pool;
	const cpus = sys.cpus;
	const parts = [];
	if (Array.isArray(cpus) && cpus.length)
		parts.push(h('h3', {}, 'CPUs'), cpuGrid(cpus));
	else if (typeof cpus === 'number')
		parts.push(h('p', {}, `${cpus} CPUs`));
	if (pool && pool.total !== undefined) {
		const unit = pool.unit === 'pages' ? n => `${n} pages` :
			fmtBytes;
		parts.push(h('h3', {}, 'Hypervisor page pool'),
			   meter('Used', pool.used, pool.total, unit));
	}
	if (!parts.length) {
		parts.push(h('p', { class: 'muted' }, sys.state === 'enabled' ?
			'This webd does not report CPUs or page-pool usage yet.' :
			'CPU ownership and page-pool usage appear once the ' +
			'hypervisor is enabled.'));
	}
	return h('section', { class: 'card', 'aria-label': 'Resources' },
		h('h2', {}, 'Resources'), parts);
}

export function render(main, ctx) {
	const body = h('div', { class: 'grid' }, loading());
	clear(main, ...page('Overview', body));
	let seq = 0;

	async function load() {
		const mine = ++seq;
		try {
			const { data } = await api('/api/v1/system');
			if (mine !== seq)
				return;
			clear(body, systemCard(data, load), resourcesCard(data));
		} catch (e) {
			if (mine === seq)
				clear(body, errorBox(e));
		}
	}
	for (const t of ['system.enabled', 'system.disabled', 'system.changed',
			 'cell.created', 'cell.destroyed'])
		ctx.on(t, load);
	load();
}
