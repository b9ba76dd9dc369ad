// SPDX-License-Identifier: GPL-2.0
// The REST client: bearer token from sessionStorage, problem+json errors,
// and the list of operations this webd serves (from its OpenAPI document),
// so that pages for endpoints that are not there yet say so honestly.

const KEY = 'bulkhead.session';
const ROLES = ['viewer', 'operator', 'admin'];

export const session = {
	token: null, name: null, role: null,
	load() {
		try {
			Object.assign(this, JSON.parse(
				sessionStorage.getItem(KEY)) || {});
		} catch {
			sessionStorage.removeItem(KEY);
		}
		return !!this.token;
	},
	save(token, name, role) {
		Object.assign(this, { token, name, role });
		sessionStorage.setItem(KEY, JSON.stringify({ token, name, role }));
	},
	clear() {
		Object.assign(this, { token: null, name: null, role: null });
		sessionStorage.removeItem(KEY);
	},
	// At least this role (viewer < operator < admin)?
	can(role) {
		return ROLES.indexOf(this.role) >= ROLES.indexOf(role);
	},
};

export class ApiError extends Error {
	constructor(status, problem) {
		super(problem && (problem.detail || problem.title) ||
		      `HTTP ${status}`);
		this.status = status;
		this.problem = problem;
	}
}

export const events = new EventTarget();

export async function api(path, opts = {}) {
	const headers = { Accept: opts.accept || 'application/json',
			  ...opts.headers };
	const token = opts.token || session.token;
	if (token)
		headers.Authorization = `Bearer ${token}`;
	let body = opts.body;
	if (body !== undefined && typeof body !== 'string' &&
	    !(body instanceof Blob)) {
		body = JSON.stringify(body);
	}
	if (body !== undefined && !headers['Content-Type'])
		headers['Content-Type'] = 'application/json';
	let res;
	try {
		res = await fetch(path, { method: opts.method || 'GET',
					  headers, body, signal: opts.signal,
					  cache: 'no-store' });
	} catch (e) {
		if (e.name === 'AbortError')
			throw e;
		throw new ApiError(0, { title: 'Network error',
			detail: 'webd cannot be reached: ' + e.message });
	}
	const type = res.headers.get('Content-Type') || '';
	let data = null;
	if (opts.binary && res.ok)
		data = await res.blob();
	else if (type.includes('json'))
		data = await res.json().catch(() => null);
	else if (res.status !== 204 && res.status !== 304)
		data = await res.text();
	if (!res.ok) {
		const problem = data && typeof data === 'object' ? data :
			{ title: res.statusText, detail: data || '' };
		if (res.status === 401 && !opts.token)
			events.dispatchEvent(new Event('unauthorized'));
		throw new ApiError(res.status, problem);
	}
	return { status: res.status, data, etag: res.headers.get('ETag'),
		 headers: res.headers };
}

// "GET /api/v1/cells" -> served? Filled once from openapi.json.
const served = new Set();

export async function loadFeatures() {
	const { data } = await api('/api/v1/openapi.json');
	served.clear();
	for (const [path, item] of Object.entries(data.paths || {}))
		for (const method of Object.keys(item))
			served.add(`${method.toUpperCase()} ${path}`);
}

export function has(method, path) {
	return served.has(`${method} ${path}`);
}

export const enc = encodeURIComponent;
