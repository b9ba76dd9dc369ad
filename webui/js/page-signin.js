// SPDX-License-Identifier: GPL-2.0
// Sign in with a bearer token. The token is checked against
// /api/v1/whoami, which also tells the role; it is kept in sessionStorage
// (gone when the tab closes), never in a cookie or the URL.

import { api, session } from './api.js';
import { h, clear, errorBox, page } from './dom.js';

export function render(main, { done }) {
	const input = h('input', { id: 'token', type: 'password',
		autocomplete: 'off', spellcheck: 'false', required: true,
		placeholder: 'bh_…', 'aria-describedby': 'token-help' });
	const status = h('div', { class: 'form-status' });
	const button = h('button', { type: 'submit' }, 'Sign in');
	const form = h('form', { class: 'card signin', onsubmit: submit },
		h('label', { for: 'token' }, 'Access token'), input,
		h('p', { id: 'token-help', class: 'help' },
			'Create one on the appliance with ',
			h('code', {}, 'bulkhead-webd token create --role viewer'),
			'. The first boot prints an admin token on the serial console.'),
		button, status);

	async function submit(ev) {
		ev.preventDefault();
		const token = input.value.trim();
		button.disabled = true;
		clear(status, h('p', { class: 'state loading' }, 'Checking…'));
		try {
			const { data } = await api('/api/v1/whoami', { token });
			session.save(token, data.name, data.role);
			done();
		} catch (e) {
			clear(status, errorBox(e));
			input.select();
		} finally {
			button.disabled = false;
		}
	}
	clear(main, ...page('Sign in', form));
	input.focus();
}
