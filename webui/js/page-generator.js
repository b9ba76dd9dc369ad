// SPDX-License-Identifier: GPL-2.0
// Generator: a root-cell config from the live system or from uploaded
// captures (iomem, lspci, cpuinfo, device tree), previewed, optionally
// saved as a board profile. Disabled until webd serves it.

import { api, has, session } from './api.js';
import { h, clear, errorBox, page, download } from './dom.js';
import { captureFields, readCaptures } from './captures.js';

const PATH = '/api/v1/generator';

export function render(main) {
	const available = has('POST', PATH);
	const allowed = session.can('operator');
	const fields = captureFields('gen', !available || !allowed);
	const result = h('div', { 'aria-live': 'polite' });
	const name = h('input', { id: 'gen-board', placeholder: 'board name',
		disabled: !available || !allowed });
	const form = h('form', { class: 'card', onsubmit: submit },
		h('h2', {}, 'From captures'),
		h('p', { class: 'help' }, 'Captured on the target as root: ',
			h('code', {}, 'cat /proc/iomem'), ', ',
			h('code', {}, 'lspci -vvv'), ', ',
			h('code', {}, 'cat /proc/cpuinfo'), ' and ',
			h('code', {}, '/sys/firmware/fdt'), '.'),
		fields,
		h('label', { for: 'gen-board' },
			'Save as board profile (optional)'), name,
		allowed && h('div', { class: 'actions' },
			h('button', { type: 'submit', disabled: !available },
				'Generate')));
	const notice = available ? null : h('div', { class: 'state empty' },
		h('p', { class: 'state-title' },
			'The generator is not available on this webd yet'),
		h('p', {}, 'This webd does not serve ' + PATH + '. ' +
			'Board profiles can already store captures.'));
	clear(main, ...page('Generator', notice, form, result));

	async function submit(ev) {
		ev.preventDefault();
		try {
			const captures = await readCaptures('gen');
			const body = { captures };
			if (name.value.trim())
				body.save_as = name.value.trim();
			const { data } = await api(PATH, { method: 'POST', body });
			const cfg = data.config || data;
			const text = JSON.stringify(cfg, null, 2);
			clear(result, h('section', { class: 'card' },
				h('h2', {}, 'Generated config'),
				h('button', { type: 'button', onclick: () =>
					download('generated.json', text,
						 'application/json') }, 'Download'),
				h('pre', { class: 'doc' }, text)));
		} catch (e) {
			clear(result, errorBox(e));
		}
	}
}
