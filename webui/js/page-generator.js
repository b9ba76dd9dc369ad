// SPDX-License-Identifier: GPL-2.0
// Generator: a root-cell config from uploaded captures (iomem, lspci,
// cpuinfo, device tree) or from the machine webd runs on. The result is
// previewed with the generator's notes, can be validated, downloaded and
// (operators) saved as a board profile. Every viewer may generate.

import { api, has, session, enc } from './api.js';
import { h, clear, loading, errorBox, page, download, notify } from
	'./dom.js';
import { captureFields, readCaptures } from './captures.js';

const PATH = '/api/v1/generator';
const LIVE = `${PATH}/live`;
const VALIDATE = '/api/v1/configs/validate';

// The board form's capture names -> the generator's member names.
function uploadBody(captures, cellName) {
	const { device_tree: dtb, ...texts } = captures;
	const body = { ...texts };
	if (dtb)
		body.dtb = dtb;
	if (cellName)
		body.cell_name = cellName;
	return body;
}

function saveJson(text) {
	download('generated.json', `${text}\n`, 'application/json');
}

function notesView(notes) {
	if (!notes.length)
		return h('p', { class: 'help' }, 'No notes: nothing left open.');
	return h('ol', { class: 'notes', id: 'gen-notes' },
		notes.map(n => h('li', {},
			h('strong', {}, n.what), ': ', n.why,
			n.fix && h('p', { class: 'fix' },
				h('span', { class: 'fix-label' }, 'Change: '),
				n.fix))));
}

function inputErrors(errors) {
	return h('div', { class: 'state error', role: 'alert',
			  id: 'gen-errors' },
		h('p', { class: 'state-title' },
			'The captures do not parse'),
		h('ol', { class: 'errors' }, errors.map(e => h('li', {},
			h('code', {}, e.document || 'input'),
			e.pointer ? ` line ${e.pointer.replace(/^\//, '')}` : '',
			': ', e.message))));
}

function summary(data) {
	if (data.errors.length)
		return inputErrors(data.errors);
	const f = data.found || {};
	const facts = h('dl', { class: 'facts' },
		h('dt', {}, 'architecture'), h('dd', {}, f.arch || 'unknown'),
		h('dt', {}, 'online CPUs'), h('dd', {}, String(f.online_cpus ??
			'—')),
		h('dt', {}, 'PCI functions'), h('dd', {},
			String((f.pci || []).length)));
	if (data.valid)
		return h('div', { class: 'state ok', role: 'status',
				  id: 'gen-status' },
			h('p', { class: 'state-title' },
				'Config generated and valid'), facts);
	return h('div', { class: 'state empty', role: 'status',
			  id: 'gen-status' },
		h('p', { class: 'state-title' }, 'No complete config: ' +
			'the notes say what is missing'), facts);
}

export function render(main) {
	const available = has('POST', PATH);
	const liveAvailable = has('POST', LIVE);
	const result = h('div', { id: 'gen-result', 'aria-live': 'polite' });
	const cellName = h('input', { id: 'gen-cell', placeholder: 'root',
		maxlength: 31 });
	let last = null;	// { body, path, data } of the last run

	const form = h('form', { class: 'card', onsubmit: fromCaptures },
		h('h2', {}, 'From captures'),
		h('p', { class: 'help' }, 'Captured on the target as root: ',
			h('code', {}, 'cat /proc/iomem'), ', ',
			h('code', {}, 'lspci -vvvnn'), ', ',
			h('code', {}, 'cat /proc/cpuinfo'), ' and ',
			h('code', {}, '/sys/firmware/fdt'), ' (the .dtb).'),
		captureFields('gen', !available),
		h('label', { for: 'gen-cell' }, 'Root cell name (optional)'),
		cellName,
		h('div', { class: 'actions' },
			h('button', { type: 'submit', id: 'gen-run',
				      disabled: !available }, 'Generate'),
			liveAvailable && h('button', { type: 'button',
				class: 'secondary', id: 'gen-live',
				onclick: fromLive },
				'Generate from the machine webd runs on')));
	const notice = available ? null : h('div', { class: 'state empty' },
		h('p', { class: 'state-title' },
			'The generator is not available on this webd'),
		h('p', {}, `This webd does not serve ${PATH}.`));
	clear(main, ...page('Generator', notice, form, result));

	async function run(path, body) {
		clear(result, loading('Generating…'));
		try {
			const { data } = await api(path, { method: 'POST',
							   body });
			last = { path, body, data };
			show(data);
		} catch (e) {
			clear(result, errorBox(e));
		}
	}

	async function fromCaptures(ev) {
		ev.preventDefault();
		let captures;
		try {
			captures = await readCaptures('gen');
		} catch (e) {
			clear(result, errorBox(e));
			return;
		}
		if (!Object.keys(captures).length) {
			clear(result, errorBox({ problem: {
				title: 'No capture chosen', detail: 'Choose ' +
				'at least one file: iomem, lspci, cpuinfo ' +
				'or the .dtb.' } }));
			return;
		}
		run(PATH, uploadBody(captures, cellName.value.trim()));
	}

	function fromLive() {
		const n = cellName.value.trim();
		run(LIVE, n ? { cell_name: n } : {});
	}

	function show(data) {
		const text = data.config ? JSON.stringify(data.config, null, 2)
			: null;
		const checked = h('div', { id: 'gen-validation',
					   'aria-live': 'polite' });
		clear(result, summary(data),
			h('section', { class: 'card' },
				h('h2', {}, `Notes (${data.notes.length})`),
				notesView(data.notes)),
			text && h('section', { class: 'card' },
				h('h2', {}, 'Generated config'),
				h('div', { class: 'actions' },
					h('button', { type: 'button',
						id: 'gen-validate',
						disabled: !has('POST', VALIDATE),
						onclick: () => validate(text,
							checked) }, 'Validate'),
					h('button', { type: 'button',
						class: 'secondary',
						id: 'gen-download',
						onclick: () => saveJson(text) },
						'Download JSON')),
				checked,
				h('pre', { class: 'doc', id: 'gen-config' },
					text)),
			!data.errors.length && saveForm());
	}

	async function validate(text, out) {
		clear(out, loading('Validating…'));
		try {
			const { data } = await api(VALIDATE, { method: 'POST',
							       body: text });
			clear(out, data.valid ?
				h('div', { class: 'state ok', role: 'status' },
					h('p', { class: 'state-title' },
						'Valid: the validator has no ' +
						'findings')) :
				h('div', { class: 'state error', role: 'alert' },
					h('p', { class: 'state-title' },
						'Validation findings'),
					h('ol', { class: 'errors' },
						data.errors.map(e => h('li', {},
							h('code', {}, e.pointer ||
								'/'), ': ',
							e.message)))));
		} catch (e) {
			clear(out, errorBox(e));
		}
	}

	function saveForm() {
		if (!session.can('operator'))
			return null;
		const name = h('input', { id: 'gen-board', required: true,
			maxlength: 64, placeholder: 'e.g. line-3-controller' });
		const out = h('div', { id: 'gen-saved', 'aria-live': 'polite' });
		return h('form', { class: 'card', onsubmit: ev => {
			ev.preventDefault();
			save(name.value.trim(), out);
		} },
			h('h2', {}, 'Save as board profile'),
			h('p', { class: 'help' }, 'Stores the captures, the ' +
				'generated config and the notes under this name.'),
			h('label', { for: 'gen-board' }, 'Board name'), name,
			h('div', { class: 'actions' },
				h('button', { type: 'submit', id: 'gen-save' },
					'Save board profile')),
			out);
	}

	async function save(board, out) {
		clear(out, loading('Saving…'));
		try {
			await api(last.path, { method: 'POST',
				body: { ...last.body, save_as_board: board } });
			clear(out, h('div', { class: 'state ok', role: 'status' },
				h('p', { class: 'state-title' },
					`Saved as board profile ${board}`),
				h('a', { href: `#/boards/${enc(board)}` },
					'Open the profile')));
			notify(`Saved board profile ${board}`);
		} catch (e) {
			const errs = e.problem && e.problem.errors;
			clear(out, errs ? h('div', { class: 'state error',
					role: 'alert' },
				h('p', { class: 'state-title' }, e.problem.detail),
				h('ol', { class: 'errors' }, errs.map(x =>
					h('li', {}, h('code', {}, x.pointer ||
						'/'), ': ', x.message)))) :
				errorBox(e));
		}
	}
}
