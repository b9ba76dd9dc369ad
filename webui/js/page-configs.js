// SPDX-License-Identifier: GPL-2.0
// Configs: stored list (download JSON / compiled binary, delete), and an
// editor: upload a file or paste, validate, store. Validation errors carry
// RFC 6901 pointers; they are mapped to lines of the text as typed and
// shown next to those lines.

import { api, has, session, enc } from './api.js';
import { h, clear, loading, empty, errorBox, page, confirmAction, notify,
	 fmtBytes, fmtTime, download } from './dom.js';
import { pointerMap, locate, lineAt } from './jsonmap.js';

const BASE = '/api/v1/configs';

function summaryView(summary) {
	if (!summary || typeof summary !== 'object')
		return null;
	const fmt = (k, v) => /size|bytes/.test(k) && typeof v === 'number' ?
		`${fmtBytes(v)} (${v} bytes)` : Array.isArray(v) ?
		v.join(', ') : typeof v === 'object' && v !== null ?
		JSON.stringify(v) : String(v);
	return h('dl', { class: 'facts', id: 'cfg-summary' },
		Object.entries(summary).map(([k, v]) => [
			h('dt', {}, k.replace(/_/g, ' ')),
			h('dd', {}, fmt(k, v))]));
}

// The document with line numbers; lines with errors highlighted and the
// messages right under them.
function annotated(text, marks) {
	const byLine = new Map();
	for (const m of marks) {
		for (let l = m.line; l <= m.endLine; l++) {
			if (!byLine.has(l))
				byLine.set(l, []);
			if (l === m.line)
				byLine.get(l).push(m);
		}
	}
	const rows = text.split('\n').map((line, k) => {
		const n = k + 1;
		const ms = byLine.get(n);
		return h('div', { class: ms ? 'ln bad' : 'ln',
				  'data-line': n },
			h('span', { class: 'no', 'aria-hidden': 'true' }, n),
			h('code', {}, line || ' '),
			ms && ms.map(m => h('p', { class: 'msg' },
				h('strong', {}, m.pointer || '/'),
				m.exact ? ' ' : ' (missing; shown at its ' +
				'parent) ', m.rule ? `[${m.rule}] ` : '',
				m.message)));
	});
	return h('div', { class: 'annotated', id: 'cfg-annotated',
			  role: 'region', 'aria-label':
			  'Document with validation errors' }, rows);
}

function editor(ctx, onStored) {
	const canValidate = has('POST', `${BASE}/validate`);
	const canStore = session.can('operator') && has('POST', BASE);
	const file = h('input', { type: 'file', id: 'cfg-file',
		accept: '.json,application/json' });
	const text = h('textarea', { id: 'cfg-text', rows: 16,
		spellcheck: 'false', class: 'mono',
		'aria-describedby': 'cfg-help' });
	const name = h('input', { id: 'cfg-name',
		placeholder: 'from the document' });
	const result = h('div', { id: 'cfg-result', 'aria-live': 'polite' });
	let editing = null;	// { name, etag } when replacing a stored one

	file.addEventListener('change', async () => {
		const f = file.files[0];
		if (!f)
			return;
		text.value = await f.text();
		name.value = f.name.replace(/\.json$/i, '');
		editing = null;
		clear(result);
	});

	function select(m) {
		text.focus();
		text.setSelectionRange(m.start, m.end);
		const lh = parseFloat(getComputedStyle(text).lineHeight) || 18;
		text.scrollTop = Math.max(0, (m.line - 3) * lh);
	}

	function showErrors(doc, errors, title) {
		let map = null;
		try {
			map = pointerMap(doc);
		} catch {
			// the server found it parseable; we map nothing
		}
		const marks = errors.map(e => ({ ...e, ...(map &&
			locate(doc, e.pointer || '', map)) ||
			{ line: 1, endLine: 1, start: 0, end: 0, exact: false },
			pointer: e.pointer }));
		clear(result,
			h('div', { class: 'state error', role: 'alert' },
				h('p', { class: 'state-title' }, title),
				h('ol', { class: 'errors', id: 'cfg-errors' },
					marks.map(m => h('li', {},
						h('button', { type: 'button',
							class: 'link',
							onclick: () => select(m) },
							`line ${m.line}`), ' ',
						h('code', {}, m.pointer || '/'),
						': ', m.message)))),
			annotated(doc, marks));
	}

	function showSyntax(doc, line, column, detail) {
		const start = doc.split('\n').slice(0, line - 1)
			.reduce((n, l) => n + l.length + 1, 0);
		showErrors(doc, [], 'The document is not valid JSON');
		result.querySelector('#cfg-errors').append(h('li', {},
			h('button', { type: 'button', class: 'link', onclick:
				() => select({ line, start: start + column - 1,
					       end: start + column }) },
				`line ${line}, column ${column}`), ': ', detail));
		const row = result.querySelector(`[data-line="${line}"]`);
		if (row) {
			row.classList.add('bad');
			row.append(h('p', { class: 'msg' }, detail));
		}
	}

	// Problems of the client's own parse, before asking the server.
	function localSyntax(doc) {
		try {
			pointerMap(doc);
			return false;
		} catch (e) {
			const line = lineAt(doc, e.pos);
			const col = e.pos - doc.lastIndexOf('\n', e.pos - 1);
			showSyntax(doc, line, col, e.message);
			return true;
		}
	}

	function handle(doc, e) {
		const p = e.problem || {};
		if (Array.isArray(p.errors) && p.errors.length)
			showErrors(doc, p.errors, p.detail || p.title);
		else if (p.line)
			showSyntax(doc, p.line, p.column || 1,
				   p.detail || p.title);
		else
			clear(result, errorBox(e));
	}

	async function validate() {
		const doc = text.value;
		if (localSyntax(doc))
			return;
		clear(result, loading('Validating…'));
		try {
			const { data } = await api(`${BASE}/validate`,
				{ method: 'POST', body: doc });
			if (!data.valid) {
				showErrors(doc, data.errors || [],
					`${(data.errors || []).length} ` +
					'validation error(s)');
				return;
			}
			clear(result, h('div', { class: 'state ok',
				role: 'status' }, h('p', { class: 'state-title' },
				'Valid'), summaryView(data.summary)));
		} catch (e) {
			handle(doc, e);
		}
	}

	async function store() {
		const doc = text.value;
		if (localSyntax(doc))
			return;
		clear(result, loading('Saving…'));
		try {
			let r;
			if (editing) {
				r = await api(`${BASE}/${enc(editing.name)}`, {
					method: 'PUT', body: doc,
					headers: { 'If-Match': editing.etag } });
			} else {
				const n = name.value.trim();
				r = await api(n ? `${BASE}?name=${enc(n)}` : BASE,
					{ method: 'POST', body: doc });
			}
			const saved = r.data && r.data.name || name.value;
			editing = { name: saved, etag: r.etag };
			clear(result, h('div', { class: 'state ok',
				role: 'status' }, h('p', { class: 'state-title' },
				`Stored as ${saved}`), summaryView(r.data &&
				r.data.summary)));
			notify(`Stored config ${saved}`);
			onStored();
		} catch (e) {
			handle(doc, e);
		}
	}

	const card = h('section', { class: 'card', id: 'cfg-editor',
			'aria-labelledby': 'cfg-editor-title' },
		h('h2', { id: 'cfg-editor-title' }, 'Upload or paste a config'),
		h('div', { class: 'row' },
			h('div', { class: 'field' },
				h('label', { for: 'cfg-file' }, 'JSON file'), file),
			h('div', { class: 'field' },
				h('label', { for: 'cfg-name' }, 'Name'), name)),
		h('label', { for: 'cfg-text' }, 'Document'), text,
		h('p', { id: 'cfg-help', class: 'help' }, 'Format: ',
			h('code', {}, 'docs/config-format.md'), '. Errors are ' +
			'shown against the lines of this text.'),
		h('div', { class: 'actions' },
			h('button', { type: 'button', onclick: validate,
				disabled: !canValidate }, 'Validate'),
			canStore && h('button', { type: 'button',
				onclick: store }, 'Save')),
		canValidate ? null : h('p', { class: 'muted' },
			'Validation needs webd\'s configs API, which this webd ' +
			'does not serve yet; only a local JSON syntax check ' +
			'runs.'),
		result);
	card.load = (doc, n, etag) => {
		text.value = doc;
		name.value = n;
		editing = { name: n, etag };
		clear(result);
		text.focus();
	};
	if (!canValidate)
		text.addEventListener('change', () => localSyntax(text.value)
			|| clear(result));
	return card;
}

function storedList(ctx, onEdit) {
	const box = h('section', { class: 'card', 'aria-label':
		'Stored configs' }, h('h2', {}, 'Stored configs'), loading());
	const hdr = box.firstChild;

	async function get(c, binary) {
		try {
			const r = await api(`${BASE}/${enc(c.name)}`, binary ?
				{ accept: 'application/octet-stream',
				  binary: true } : {});
			return r;
		} catch (e) {
			notify(e.message, 'error');
			return null;
		}
	}

	async function remove(c) {
		if (!await confirmAction(`Delete config ${c.name}? Cells ` +
			'cannot be created from it any more.', 'Delete'))
			return;
		try {
			await api(`${BASE}/${enc(c.name)}`, { method: 'DELETE' });
			notify(`Deleted config ${c.name}`);
		} catch (e) {
			notify(e.message, 'error');
		}
		load();
	}

	async function load() {
		try {
			const { data } = await api(BASE);
			const list = Array.isArray(data) ? data :
				data.configs || [];
			if (!list.length) {
				clear(box, hdr, empty('No stored configs',
					'Upload one below.'));
				return;
			}
			clear(box, hdr, h('table', { class: 'list' },
				h('thead', {}, h('tr', {}, ['Name', 'Type',
					'Compiled', 'Updated', 'Actions'].map(t =>
					h('th', { scope: 'col' }, t)))),
				h('tbody', {}, list.map(c => h('tr', {},
					h('td', {}, c.name),
					h('td', {}, c.kind || '—'),
					h('td', {}, fmtBytes(c.compiled_size ??
						c.size)),
					h('td', {}, fmtTime(c.updated)),
					h('td', { class: 'row-actions' },
						h('button', { type: 'button',
							class: 'secondary',
							onclick: async () => {
							const r = await get(c);
							if (r)
								onEdit(JSON.stringify(
								r.data.config ||
								r.data, null, 2),
								c.name, r.etag);
						} }, 'Open'),
						h('button', { type: 'button',
							class: 'secondary',
							onclick: async () => {
							const r = await get(c);
							if (r)
								download(`${c.name}.json`,
								JSON.stringify(r.data.config
								|| r.data, null, 2),
								'application/json');
						} }, 'JSON'),
						h('button', { type: 'button',
							class: 'secondary',
							onclick: async () => {
							const r = await get(c, true);
							if (r)
								download(`${c.name}.cell`,
								r.data);
						} }, 'Binary'),
						session.can('admin') && has('DELETE',
							`${BASE}/{name}`) &&
						h('button', { type: 'button',
							class: 'danger', onclick:
							() => remove(c) },
							'Delete')))))));
		} catch (e) {
			clear(box, hdr, errorBox(e));
		}
	}
	for (const t of ['config.created', 'config.updated',
			 'config.deleted'])
		ctx.on(t, load);
	box.reload = load;
	load();
	return box;
}

export function render(main, ctx) {
	const served = has('GET', BASE);
	let list = null;
	const ed = editor(ctx, () => list && list.reload());
	list = served ? storedList(ctx, ed.load) : empty(
		'The configs API is not available on this webd yet',
		'This webd does not serve /api/v1/configs. Documents can be ' +
		'checked for JSON syntax here; validation and storage come ' +
		'with the configs API.');
	clear(main, ...page('Configs', list, ed));
}
