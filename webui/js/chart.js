// SPDX-License-Identifier: GPL-2.0
// Canvas drawing for the jitter view: a rolling time series (cur, min,
// avg, max) and a latency histogram. Hand-written: two chart types, a few
// hundred points, no zoom, so a library would bring more than it saves.

const css = name => getComputedStyle(document.documentElement)
	.getPropertyValue(name).trim() || '#888';

export function fmtNs(ns) {
	if (ns === undefined || ns === null || Number.isNaN(ns))
		return '—';
	if (ns < 1000)
		return `${Math.round(ns)} ns`;
	if (ns < 1e6)
		return `${(ns / 1000).toFixed(ns < 1e4 ? 2 : 1)} µs`;
	return `${(ns / 1e6).toFixed(2)} ms`;
}

function niceStep(range, ticks) {
	const raw = range / ticks;
	const mag = 10 ** Math.floor(Math.log10(raw || 1));
	const n = raw / mag;
	return mag * (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10);
}

// Size the canvas for the device's pixels; returns the 2D context and the
// size in CSS pixels.
function prepare(canvas) {
	const dpr = window.devicePixelRatio || 1;
	const w = canvas.clientWidth, hgt = canvas.clientHeight;
	if (canvas.width !== Math.round(w * dpr) ||
	    canvas.height !== Math.round(hgt * dpr)) {
		canvas.width = Math.round(w * dpr);
		canvas.height = Math.round(hgt * dpr);
	}
	const ctx = canvas.getContext('2d');
	ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
	ctx.clearRect(0, 0, w, hgt);
	ctx.font = '12px system-ui, sans-serif';
	return { ctx, w, h: hgt };
}

function yAxis(ctx, x0, x1, y0, y1, max) {
	const step = niceStep(max, 4);
	ctx.strokeStyle = css('--grid');
	ctx.fillStyle = css('--muted');
	ctx.textAlign = 'right';
	ctx.textBaseline = 'middle';
	ctx.lineWidth = 1;
	for (let v = 0; v <= max + 1e-9; v += step) {
		const y = y0 - (v / max) * (y0 - y1);
		ctx.beginPath();
		ctx.moveTo(x0, Math.round(y) + 0.5);
		ctx.lineTo(x1, Math.round(y) + 0.5);
		ctx.stroke();
		ctx.fillText(fmtNs(v), x0 - 6, y);
	}
}

export const SERIES = [
	{ key: 'max_ns', label: 'max', color: '--c-max' },
	{ key: 'avg_ns', label: 'avg', color: '--c-avg' },
	{ key: 'cur_ns', label: 'cur', color: '--c-cur' },
	{ key: 'min_ns', label: 'min', color: '--c-min' },
];

export class TimeSeries {
	constructor(canvas, capacity = 300) {
		this.canvas = canvas;
		this.capacity = capacity;
		this.points = [];
		this.resize = new ResizeObserver(() => this.draw());
		this.resize.observe(canvas);
	}

	push(sample) {
		this.points.push(sample);
		if (this.points.length > this.capacity)
			this.points.shift();
		this.draw();
	}

	destroy() {
		this.resize.disconnect();
	}

	draw() {
		const { ctx, w, h } = prepare(this.canvas);
		const left = 64, right = w - 8, top = 8, bottom = h - 20;
		const pts = this.points;
		let max = 0;
		for (const p of pts)
			for (const s of SERIES)
				max = Math.max(max, p[s.key] || 0);
		if (max) {
			const step = niceStep(max * 1.1, 4);
			max = Math.ceil(max * 1.1 / step) * step;
		} else {
			max = 1000;
		}
		yAxis(ctx, left, right, bottom, top, max);
		ctx.fillStyle = css('--muted');
		ctx.textAlign = 'left';
		ctx.fillText(`last ${this.capacity} reports`, left, h - 6);
		if (pts.length < 2)
			return;
		const dx = (right - left) / (this.capacity - 1);
		const x0 = right - (pts.length - 1) * dx;
		for (const s of SERIES) {
			ctx.strokeStyle = css(s.color);
			ctx.lineWidth = s.key === 'cur_ns' ? 1.5 : 2;
			ctx.beginPath();
			pts.forEach((p, k) => {
				const y = bottom - ((p[s.key] || 0) / max) *
					(bottom - top);
				if (k)
					ctx.lineTo(x0 + k * dx, y);
				else
					ctx.moveTo(x0, y);
			});
			ctx.stroke();
		}
	}
}

// The 16 buckets of JITTER v1 (docs/inmates.md): bucket 0 is [0, 250)
// ns, bucket k (1..14) is [250·2^(k-1), 250·2^k), bucket 15 is
// [4096000, ∞).
export function jitterBucket(k) {
	if (k === 0)
		return '< 250 ns';
	if (k >= 15)
		return `≥ ${fmtNs(250 * 2 ** 14)}`;
	return `${fmtNs(250 * 2 ** (k - 1))} – ${fmtNs(250 * 2 ** k)}`;
}

// hist: the 16 JITTER v1 counts, another array of counts, or
// { bucket_ns | buckets, counts }.
export function normalizeHist(hist) {
	if (!hist)
		return null;
	if (Array.isArray(hist) && hist.length === 16)
		return { counts: hist, label: jitterBucket };
	if (Array.isArray(hist))
		return { counts: hist, label: k => `#${k}` };
	const counts = hist.counts || [];
	if (Array.isArray(hist.buckets))
		return { counts, label: k => `≤ ${fmtNs(hist.buckets[k])}` };
	if (hist.bucket_ns)
		return { counts, label: k => `< ${fmtNs((k + 1) *
			hist.bucket_ns)}` };
	return { counts, label: k => `#${k}` };
}

export function drawHistogram(canvas, hist) {
	const { ctx, w, h } = prepare(canvas);
	const hs = normalizeHist(hist);
	if (!hs || !hs.counts.length)
		return;
	const left = 8, right = w - 8, top = 8, bottom = h - 20;
	const max = Math.max(1, ...hs.counts);
	const bw = (right - left) / hs.counts.length;
	ctx.fillStyle = css('--c-avg');
	hs.counts.forEach((c, k) => {
		const bh = c ? Math.max(1, (c / max) * (bottom - top)) : 0;
		ctx.fillRect(left + k * bw + 1, bottom - bh,
			     Math.max(1, bw - 2), bh);
	});
	ctx.fillStyle = css('--muted');
	ctx.textBaseline = 'alphabetic';
	ctx.textAlign = 'left';
	ctx.fillText(hs.label(0), left, h - 6);
	ctx.textAlign = 'right';
	ctx.fillText(hs.label(hs.counts.length - 1), right, h - 6);
}
