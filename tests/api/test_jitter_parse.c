// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit test of webd's strict JITTER v1 parser (webd/jitter_parse.c)
 * and the console tag parser (webd/console_line.c): good lines give every
 * field; each kind of damage is refused whole, at the right place, and
 * leaves the output untouched.
 */
#include <stdio.h>
#include <string.h>

#include "console_line.h"
#include "jitter_parse.h"

static int failures;

#define CHECK(cond, ...) do { \
	if (!(cond)) { \
		failures++; \
		printf("FAIL %s:%d: ", __FILE__, __LINE__); \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} \
} while (0)

#define GOOD "JITTER v1 seq=7 samples=100 period_ns=1000000 cur_ns=464 " \
	"min_ns=448 avg_ns=470 max_ns=800 overruns=2 cur_ticks=29 " \
	"min_ticks=28 max_ticks=50 hist=0,90,10,0,0,0,0,0,0,0,0,0,0,0,0,0"

static void test_good(void)
{
	struct bh_jitter_window r;
	char line[512];
	const char *why = NULL;
	size_t pos = 0;

	CHECK(jitter_parse(GOOD, &r, &why, &pos) == 0, "good line: %s at %zu",
	      why, pos);
	CHECK(r.seq == 7 && r.samples == 100 && r.period_ns == 1000000,
	      "seq/samples/period");
	CHECK(r.cur_ns == 464 && r.min_ns == 448 && r.avg_ns == 470 &&
	      r.max_ns == 800, "ns fields");
	CHECK(r.overruns == 2 && r.cur_ticks == 29 && r.min_ticks == 28 &&
	      r.max_ticks == 50, "overruns/ticks");
	CHECK(r.hist[0] == 0 && r.hist[1] == 90 && r.hist[2] == 10 &&
	      r.hist[15] == 0, "hist");
	/* libbulkhead writes the line back as it came (the CLI's output). */
	CHECK(bh_jitter_format(&r, line, sizeof(line)) == (int)strlen(GOOD) &&
	      !strcmp(line, GOOD), "formatted back: %s", line);
	/* The documented example line (docs/inmates.md). */
	CHECK(jitter_parse("JITTER v1 seq=0 samples=100 period_ns=1000000 "
			   "cur_ns=464 min_ns=464 avg_ns=464 max_ns=464 "
			   "overruns=0 cur_ticks=29 min_ticks=29 max_ticks=29 "
			   "hist=0,100,0,0,0,0,0,0,0,0,0,0,0,0,0,0", &r, &why,
			   &pos) == 0, "docs example: %s", why);
	/* Largest 64-bit values are numbers too. */
	CHECK(jitter_parse("JITTER v1 seq=18446744073709551615 samples=1 "
			   "period_ns=1 cur_ns=1 min_ns=1 avg_ns=1 max_ns=1 "
			   "overruns=0 cur_ticks=1 min_ticks=1 max_ticks=1 "
			   "hist=0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1", &r, &why,
			   &pos) == 0 && r.seq == UINT64_MAX, "u64 max: %s", why);
}

/* Replace the first occurrence of from in GOOD by to. */
static void mutate(char *out, size_t size, const char *from, const char *to)
{
	const char *at = strstr(GOOD, from);
	size_t head = (size_t)(at - GOOD);

	snprintf(out, size, "%.*s%s%s", (int)head, GOOD, to,
		 at + strlen(from));
}

static void expect_bad(const char *line, const char *why_part,
		       size_t want_pos)
{
	struct bh_jitter_window r;
	const char *why = NULL;
	size_t pos = 12345;

	memset(&r, 0xa5, sizeof(r));
	CHECK(jitter_parse(line, &r, &why, &pos) == -1, "accepted: %s", line);
	if (!why)
		return;
	CHECK(strstr(why, why_part) != NULL, "'%s': reason '%s', want '%s'",
	      line, why, why_part);
	CHECK(pos == want_pos, "'%s': position %zu, want %zu", line, pos,
	      want_pos);
	CHECK(r.seq == 0xa5a5a5a5a5a5a5a5ULL && r.hist[15] ==
	      0xa5a5a5a5a5a5a5a5ULL, "'%s': output half-written", line);
}

static void test_bad(void)
{
	char buf[512];
	size_t hist = strstr(GOOD, "hist=") - GOOD;

	expect_bad("", "not a JITTER line", 0);
	expect_bad("JITTER", "not a JITTER line", 0);
	mutate(buf, sizeof(buf), "v1", "v2");
	expect_bad(buf, "unknown JITTER version", 7);
	mutate(buf, sizeof(buf), "v1 ", "v1  ");
	expect_bad(buf, "fields must be", 10);
	mutate(buf, sizeof(buf), "seq=7", "sequence=7");
	expect_bad(buf, "fields must be", 10);
	mutate(buf, sizeof(buf), "samples=100 period_ns=1000000",
	       "period_ns=1000000 samples=100");
	expect_bad(buf, "fields must be", 16);
	mutate(buf, sizeof(buf), "seq=7", "seq=-7");
	expect_bad(buf, "unsigned decimal", 14);
	mutate(buf, sizeof(buf), "seq=7", "seq=+7");
	expect_bad(buf, "unsigned decimal", 14);
	mutate(buf, sizeof(buf), "seq=7", "seq=");
	expect_bad(buf, "unsigned decimal", 14);
	mutate(buf, sizeof(buf), "seq=7", "seq=0x7");
	expect_bad(buf, "one space", 15);
	mutate(buf, sizeof(buf), "seq=7", "seq=18446744073709551616");
	expect_bad(buf, "64 bits", 33);
	mutate(buf, sizeof(buf), " overruns=2", "");
	expect_bad(buf, "fields must be", strstr(buf, "cur_ticks") - buf);
	mutate(buf, sizeof(buf), "max_ticks=50 ", "max_ticks=50 extra=1 ");
	expect_bad(buf, "fields must be", strstr(buf, "extra") - buf);
	/* The histogram: 15 or 17 buckets, a trailing comma or space. */
	mutate(buf, sizeof(buf), ",0,0,0,0,0,0,0,0,0,0,0,0,0",
	       ",0,0,0,0,0,0,0,0,0,0,0,0");
	expect_bad(buf, "16 comma", strlen(buf));
	snprintf(buf, sizeof(buf), "%s,0", GOOD);
	expect_bad(buf, "after the 16th", strlen(GOOD));
	snprintf(buf, sizeof(buf), "%s ", GOOD);
	expect_bad(buf, "after the 16th", strlen(GOOD));
	snprintf(buf, sizeof(buf), "%s\r", GOOD);
	expect_bad(buf, "after the 16th", strlen(GOOD));
	mutate(buf, sizeof(buf), "hist=0,", "hist=,");
	expect_bad(buf, "unsigned decimal", hist + 5);
	/* Contradictions: refused whole (position 0). */
	mutate(buf, sizeof(buf), "avg_ns=470", "avg_ns=900");
	expect_bad(buf, "min_ns <= avg_ns <= max_ns", 0);
	mutate(buf, sizeof(buf), "min_ns=448", "min_ns=500");
	expect_bad(buf, "min_ns <= avg_ns", 0);
	mutate(buf, sizeof(buf), "cur_ns=464", "cur_ns=801");
	expect_bad(buf, "cur_ns outside", 0);
	mutate(buf, sizeof(buf), "cur_ticks=29", "cur_ticks=51");
	expect_bad(buf, "cur_ticks outside", 0);
	mutate(buf, sizeof(buf), "0,90,10", "0,90,11");
	expect_bad(buf, "sum to samples", 0);
	mutate(buf, sizeof(buf), "samples=100", "samples=0");
	expect_bad(buf, "samples is 0", 0);
	CHECK(jitter_line_claims(GOOD) && jitter_line_claims("JITTER v9") &&
	      !jitter_line_claims("JITTERv1") && !jitter_line_claims(""),
	      "jitter_line_claims");
}

static void expect_tag(const char *line, enum console_source src,
		       const char *cell, const char *text)
{
	struct console_line cl;

	console_line_parse(line, &cl);
	CHECK(cl.source == src, "'%s': source %d, want %d", line, cl.source,
	      src);
	CHECK(!strcmp(cl.cell, cell), "'%s': cell '%s', want '%s'", line,
	      cl.cell, cell);
	CHECK(!strcmp(cl.text, text), "'%s': text '%s', want '%s'", line,
	      cl.text, text);
}

static void test_console_tags(void)
{
	expect_tag("[hv] Bulkhead enabled", CONSOLE_HV, "", "Bulkhead enabled");
	expect_tag("[cell:demo2] uart-hello: tick 3", CONSOLE_CELL, "demo2",
		   "uart-hello: tick 3");
	expect_tag("[cell:a] ", CONSOLE_CELL, "a", "");
	expect_tag("lo from a cell", CONSOLE_UNTAGGED, "", "lo from a cell");
	expect_tag("[hv]no space", CONSOLE_UNTAGGED, "", "[hv]no space");
	expect_tag("[cell:] x", CONSOLE_UNTAGGED, "", "[cell:] x");
	expect_tag("[cell:demo]x", CONSOLE_UNTAGGED, "", "[cell:demo]x");
	expect_tag("[cell:demo x", CONSOLE_UNTAGGED, "", "[cell:demo x");
	expect_tag("[cell:0123456789012345678901234567890] x",
		   CONSOLE_CELL, "0123456789012345678901234567890", "x");
	expect_tag("[cell:01234567890123456789012345678901] x",
		   CONSOLE_UNTAGGED, "",
		   "[cell:01234567890123456789012345678901] x");
}

int main(void)
{
	test_good();
	test_bad();
	test_console_tags();
	if (failures) {
		printf("%d check(s) failed\n", failures);
		return 1;
	}
	printf("ok: jitter parser and console tags\n");
	return 0;
}
