// SPDX-License-Identifier: GPL-2.0
// DOM helpers: elements are built, never parsed from strings, so data from
// the API cannot become markup.

export function h(tag, attrs = {}, ...children) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v === undefined || v === null || v === false)
			continue;
		if (k === 'class')
			el.className = v;
		else if (k === 'text')
			el.textContent = v;
		else if (k.startsWith('on') && typeof v === 'function')
			el.addEventListener(k.slice(2), v);
		else if (k in el && typeof v !== 'string')
			el[k] = v;
		else
			el.setAttribute(k, v === true ? '' : v);
	}
	append(el, children);
	return el;
}

function append(el, children) {
	for (const c of children.flat(Infinity)) {
		if (c === undefined || c === null || c === false)
			continue;
		el.append(c instanceof Node ? c : document.createTextNode(c));
	}
}

export function clear(el, ...children) {
	el.replaceChildren();
	append(el, children);
	return el;
}

// The three states every view can be in besides "showing data".
export function loading(what = 'Loading…') {
	return h('p', { class: 'state loading', role: 'status' }, what);
}

export function empty(title, detail) {
	return h('div', { class: 'state empty' },
		h('p', { class: 'state-title' }, title),
		detail && h('p', {}, detail));
}

export function errorBox(err) {
	const p = err && err.problem;
	const title = p ? p.title || 'Request failed' : 'Request failed';
	const detail = p ? p.detail : String(err && err.message || err);
	return h('div', { class: 'state error', role: 'alert' },
		h('p', { class: 'state-title' },
			err && err.status ? `${title} (${err.status})` : title),
		detail && h('p', {}, detail));
}

export function page(title, ...children) {
	return [h('h1', { tabindex: '-1' }, title), ...children];
}

// Modal confirmation (a <dialog>: focus trapped, Escape cancels).
export function confirmAction(text, okLabel = 'Confirm') {
	const dlg = document.getElementById('confirm');
	document.getElementById('confirm-text').textContent = text;
	document.getElementById('confirm-ok').textContent = okLabel;
	dlg.returnValue = '';
	dlg.showModal();
	return new Promise(resolve => {
		dlg.addEventListener('close', () =>
			resolve(dlg.returnValue === 'ok'), { once: true });
	});
}

let noticeTimer;
export function notify(text, kind = 'ok') {
	const n = document.getElementById('notice');
	n.className = `notice show ${kind}`;
	n.textContent = text;
	clearTimeout(noticeTimer);
	noticeTimer = setTimeout(() => { n.className = 'notice'; }, 5000);
}

export function download(name, data, type) {
	const url = URL.createObjectURL(data instanceof Blob ? data :
		new Blob([data], { type }));
	const a = h('a', { href: url, download: name, hidden: true });
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fmtBytes(n) {
	if (n === undefined || n === null)
		return '—';
	if (n < 1024)
		return `${n} B`;
	if (n < 1 << 20)
		return `${(n / 1024).toFixed(1)} KiB`;
	return `${(n / (1 << 20)).toFixed(1)} MiB`;
}

export function fmtTime(s) {
	if (!s)
		return '—';
	const d = new Date(s);
	return isNaN(d) ? s : d.toLocaleString();
}
