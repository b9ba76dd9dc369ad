// SPDX-License-Identifier: GPL-2.0
// Board profiles: list, create (operator), detail with captures and the
// generated config, notes editing (operator, If-Match) and delete (admin).

import { api, session, enc } from './api.js';
import { h, clear, loading, empty, errorBox, page, confirmAction, notify,
	 fmtBytes, fmtTime, download } from './dom.js';
import { captureFields, readCaptures } from './captures.js';

function fieldErrors(form, err) {
	for (const el of form.querySelectorAll('.field-error'))
		el.remove();
	for (const el of form.querySelectorAll('[aria-invalid]'))
		el.removeAttribute('aria-invalid');
	const errors = err.problem && err.problem.errors || [];
	for (const e of errors) {
		const field = form.querySelector(
			`[data-pointer="${CSS.escape(e.pointer)}"]`);
		const msg = h('p', { class: 'field-error' }, e.message);
		if (field) {
			field.setAttribute('aria-invalid', 'true');
			field.after(msg);
		} else {
			form.append(h('p', { class: 'field-error' },
				`${e.pointer || '/'}: ${e.message}`));
		}
	}
}

function createForm(onCreated) {
	const name = h('input', { id: 'b-name', required: true,
		'data-pointer': '/name', pattern: '[A-Za-z0-9_][A-Za-z0-9._\\-]*',
		maxlength: 64 });
	const arch = h('select', { id: 'b-arch', 'data-pointer':
		'/architecture' }, h('option', { value: 'arm64' }, 'arm64'),
		h('option', { value: 'x86_64' }, 'x86_64'));
	const notes = h('textarea', { id: 'b-notes', rows: 3,
		'data-pointer': '/notes' });
	const status = h('div', {});
	const form = h('form', { class: 'card', id: 'board-create',
		onsubmit: async ev => {
			ev.preventDefault();
			clear(status);
			try {
				const body = { name: name.value.trim(),
					architecture: arch.value,
					notes: notes.value,
					captures: await readCaptures('b') };
				await api('/api/v1/boards', { method: 'POST',
								 body });
				notify(`Saved board ${body.name}`);
				onCreated(body.name);
			} catch (e) {
				fieldErrors(form, e);
				clear(status, errorBox(e));
			}
		} },
		h('h2', {}, 'New board profile'),
		h('div', { class: 'row' },
			h('div', { class: 'field' },
				h('label', { for: 'b-name' }, 'Name'), name),
			h('div', { class: 'field' },
				h('label', { for: 'b-arch' }, 'Architecture'),
				arch)),
		h('label', { for: 'b-notes' }, 'Notes'), notes,
		captureFields('b'),
		h('div', { class: 'actions' },
			h('button', { type: 'submit' }, 'Save board')),
		status);
	return form;
}

function list(body, ctx) {
	const table = h('div', {}, loading());
	const canCreate = session.can('operator');
	clear(body, table, canCreate && createForm(name => {
		location.hash = `#/boards/${enc(name)}`;
	}));

	async function load() {
		try {
			const { data } = await api('/api/v1/boards');
			const boards = data.boards || [];
			if (!boards.length) {
				clear(table, empty('No board profiles yet',
					canCreate ? 'Save one below, or from ' +
					'the generator.' : 'An operator can ' +
					'save one.'));
				return;
			}
			clear(table, h('table', { class: 'list' },
				h('caption', { class: 'sr-only' },
					'Board profiles'),
				h('thead', {}, h('tr', {}, ['Name', 'Architecture',
					'Generated config', 'Notes', 'Updated']
					.map(t => h('th', { scope: 'col' }, t)))),
				h('tbody', {}, boards.map(b => h('tr', {},
					h('td', {}, h('a', { href: '#/boards/' +
						enc(b.name) }, b.name)),
					h('td', {}, b.architecture),
					h('td', {}, b.has_generated_config ?
						'yes' : 'no'),
					h('td', { class: 'clip' }, b.notes || ''),
					h('td', {}, fmtTime(b.updated)))))));
		} catch (e) {
			clear(table, errorBox(e));
		}
	}
	for (const t of ['board.created', 'board.updated', 'board.deleted'])
		ctx.on(t, load);
	load();
}

function detail(body, ctx, name) {
	let board = null, etag = null;

	async function load() {
		try {
			const r = await api(`/api/v1/boards/${enc(name)}`);
			board = r.data;
			etag = r.etag;
			show();
		} catch (e) {
			clear(body, errorBox(e));
		}
	}

	async function saveNotes(text, status) {
		const doc = { name: board.name,
			architecture: board.architecture,
			captures: board.captures,
			generated_config: board.generated_config,
			notes: text };
		try {
			const r = await api(`/api/v1/boards/${enc(name)}`, {
				method: 'PUT', body: doc,
				headers: { 'If-Match': etag } });
			board = r.data;
			etag = r.etag;
			notify('Notes saved');
			show();
		} catch (e) {
			clear(status, errorBox(e.status === 412 ? {
				status: 412, problem: { title:
				'Changed by someone else', detail: 'The ' +
				'profile changed since it was loaded. Reload ' +
				'it and apply your edit again.' } } : e));
		}
	}

	async function remove() {
		if (!await confirmAction(`Delete board profile ${name}? Its ` +
			'captures and generated config are lost.', 'Delete'))
			return;
		try {
			await api(`/api/v1/boards/${enc(name)}`,
				  { method: 'DELETE' });
			notify(`Deleted board ${name}`);
			location.hash = '#/boards';
		} catch (e) {
			notify(e.message, 'error');
		}
	}

	function show() {
		const caps = Object.entries(board.captures || {});
		const notes = h('textarea', { id: 'notes', rows: 4,
			readOnly: !session.can('operator') }, board.notes);
		const status = h('div', {});
		const gc = board.generated_config;
		clear(body,
			h('p', {}, h('a', { href: '#/boards' }, '← All boards')),
			h('section', { class: 'card' },
				h('dl', { class: 'facts' },
					h('dt', {}, 'Architecture'),
					h('dd', {}, board.architecture),
					h('dt', {}, 'Created'),
					h('dd', {}, fmtTime(board.created)),
					h('dt', {}, 'Updated'),
					h('dd', {}, fmtTime(board.updated)))),
			h('section', { class: 'card' },
				h('h2', {}, 'Notes'),
				h('label', { for: 'notes', class: 'sr-only' },
					'Notes'), notes,
				session.can('operator') && h('div',
					{ class: 'actions' },
					h('button', { type: 'button', onclick:
						() => saveNotes(notes.value,
								status) },
					'Save notes')), status),
			h('section', { class: 'card' },
				h('h2', {}, 'Captures'),
				caps.length ? h('ul', {}, caps.map(([k, v]) =>
					h('li', {}, `${k}: ${fmtBytes(v.length)}`)))
				: h('p', { class: 'muted' }, 'No captures.')),
			h('section', { class: 'card' },
				h('h2', {}, 'Generated config'),
				gc ? [h('button', { type: 'button',
					class: 'secondary', onclick: () =>
					download(`${name}.json`,
						 JSON.stringify(gc, null, 2),
						 'application/json') },
					'Download JSON'),
					h('pre', { class: 'doc' },
						JSON.stringify(gc, null, 2))] :
				h('p', { class: 'muted' }, 'None yet: the ' +
					'generator fills it in.')),
			session.can('admin') && h('div', { class: 'actions' },
				h('button', { type: 'button', class: 'danger',
					onclick: remove }, 'Delete board')));
	}
	ctx.on('board.updated', d => {
		if (d && d.name === name && d.etag !== etag)
			load();
	});
	ctx.on('board.deleted', d => {
		if (d && d.name === name)
			clear(body, empty('This board profile was deleted',
				'Someone deleted it while you were looking.'));
	});
	clear(body, loading());
	load();
}

export function render(main, ctx) {
	const name = ctx.params[0];
	const body = h('div', {});
	clear(main, ...page(name ? `Board ${name}` : 'Board profiles', body));
	if (name)
		detail(body, ctx, name);
	else
		list(body, ctx);
}
