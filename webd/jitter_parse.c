// SPDX-License-Identifier: GPL-2.0
/*
 * "JITTER v1 seq=.. samples=.. period_ns=.. cur_ns=.. min_ns=.. avg_ns=..
 * max_ns=.. overruns=.. cur_ticks=.. min_ticks=.. max_ticks=.. hist=h0,..,h15"
 *
 * Strict on purpose: the fields, their order and single spaces are the
 * format; anything else (another version, a missing or extra field,
 * signs, spaces, overflow, statistics that contradict each other) is a
 * damaged or foreign line, and a chart fed half of one would lie.
 */
#include <string.h>

#include "jitter_parse.h"

static const char *const keys[] = {
	"seq", "samples", "period_ns", "cur_ns", "min_ns", "avg_ns", "max_ns",
	"overruns", "cur_ticks", "min_ticks", "max_ticks",
};

#define N_KEYS	(sizeof(keys) / sizeof(keys[0]))

struct cursor {
	const char *start, *p;
	const char *why;
};

static int fail(struct cursor *c, const char *why)
{
	c->why = why;
	return -1;
}

/* Unsigned decimal, at least one digit, no overflow. */
static int number(struct cursor *c, uint64_t *v)
{
	uint64_t n = 0;

	if (*c->p < '0' || *c->p > '9')
		return fail(c, "expected an unsigned decimal number");
	for (; *c->p >= '0' && *c->p <= '9'; c->p++) {
		unsigned int d = (unsigned int)(*c->p - '0');

		if (n > (UINT64_MAX - d) / 10)
			return fail(c, "number does not fit 64 bits");
		n = n * 10 + d;
	}
	*v = n;
	return 0;
}

static int literal(struct cursor *c, const char *text, const char *why)
{
	size_t len = strlen(text);

	if (strncmp(c->p, text, len))
		return fail(c, why);
	c->p += len;
	return 0;
}

static int key(struct cursor *c, const char *name)
{
	size_t len = strlen(name);

	if (strncmp(c->p, name, len) || c->p[len] != '=')
		return fail(c, "fields must be exactly seq samples period_ns "
			    "cur_ns min_ns avg_ns max_ns overruns cur_ticks "
			    "min_ticks max_ticks hist, in this order");
	c->p += len + 1;
	return 0;
}

static int fields(struct cursor *c, struct bh_jitter_window *r)
{
	uint64_t *dst[N_KEYS] = {
		&r->seq, &r->samples, &r->period_ns, &r->cur_ns, &r->min_ns,
		&r->avg_ns, &r->max_ns, &r->overruns, &r->cur_ticks,
		&r->min_ticks, &r->max_ticks,
	};
	size_t i;

	for (i = 0; i < N_KEYS; i++) {
		if (key(c, keys[i]) || number(c, dst[i]))
			return -1;
		if (literal(c, " ", "expected one space after the value"))
			return -1;
	}
	return 0;
}

static int histogram(struct cursor *c, struct bh_jitter_window *r)
{
	size_t i;

	if (key(c, "hist"))
		return -1;
	for (i = 0; i < BH_JITTER_BUCKETS; i++) {
		if (i && literal(c, ",", "hist needs 16 comma-separated "
				 "counts"))
			return -1;
		if (number(c, &r->hist[i]))
			return -1;
	}
	if (*c->p)
		return fail(c, "unexpected text after the 16th hist count");
	return 0;
}

int jitter_line_claims(const char *line)
{
	return !strncmp(line, JITTER_PREFIX, strlen(JITTER_PREFIX));
}

int jitter_parse(const char *line, struct bh_jitter_window *out,
		 const char **why, size_t *pos)
{
	struct cursor c = { .start = line, .p = line };
	struct bh_jitter_window r;

	if (literal(&c, JITTER_PREFIX, "not a JITTER line") ||
	    literal(&c, "v1 ", "unknown JITTER version (this parser knows "
		    "v1)") ||
	    fields(&c, &r) || histogram(&c, &r))
		goto bad;
	c.why = bh_jitter_window_inconsistency(&r);
	if (c.why) {
		c.p = line;	/* the whole line is at fault */
		goto bad;
	}
	*out = r;
	return 0;
bad:
	*why = c.why;
	*pos = (size_t)(c.p - c.start);
	return -1;
}
