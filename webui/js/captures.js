// SPDX-License-Identifier: GPL-2.0
// File inputs for the generator's captures, shared by the generator and
// the board-profile form. Text captures are sent as text, the device tree
// (binary) as base64.

import { h } from './dom.js';

export const CAPTURES = [
	{ key: 'iomem', label: '/proc/iomem' },
	{ key: 'lspci', label: 'lspci -vvv output' },
	{ key: 'cpuinfo', label: '/proc/cpuinfo' },
	{ key: 'device_tree', label: 'Device tree blob (.dtb)', binary: true },
];

export function captureFields(prefix, disabled = false) {
	return h('fieldset', { class: 'captures', disabled },
		h('legend', {}, 'Captures'),
		CAPTURES.map(c => h('div', { class: 'field' },
			h('label', { for: `${prefix}-${c.key}` }, c.label),
			h('input', { type: 'file', id: `${prefix}-${c.key}` }))));
}

function base64(buf) {
	let s = '';
	const bytes = new Uint8Array(buf);
	for (let i = 0; i < bytes.length; i += 0x8000)
		s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

export async function readCaptures(prefix) {
	const out = {};
	for (const c of CAPTURES) {
		const f = document.getElementById(`${prefix}-${c.key}`)
			.files[0];
		if (!f)
			continue;
		out[c.key] = c.binary ? base64(await f.arrayBuffer()) :
			await f.text();
	}
	return out;
}
