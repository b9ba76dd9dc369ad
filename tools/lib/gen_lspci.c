// SPDX-License-Identifier: GPL-2.0
/*
 * lspci output in the forms people capture: -nn (one line per function,
 * class and IDs in brackets), -vvvnn (plus indented details, of which the
 * "Region N:" lines give BARs), -vmmnn[k] (Key:<TAB>value records) and
 * -xxx (hex dump of config space, from which IDs, class and BAR addresses
 * are decoded). The forms may be concatenated; a function seen twice is
 * merged. Indented detail lines other than regions are not needed and are
 * skipped; a line at column 0 that fits no form is an error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbulkhead/generator.h>

struct lspci_state {
	struct bh_pci_list *out;
	struct bh_config_errors *errs;
	struct bh_pci_func *cur;
	unsigned char cfg[64];		/* -xxx bytes of cur */
	bool cfg_seen[64];
	unsigned int lineno;
	char pos[16];
};

static bool hexn(const char *s, size_t n, unsigned long *v)
{
	char buf[17], *end;

	if (n > 16)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (!isxdigit((unsigned char)buf[i]))
			return false;
	*v = strtoul(buf, &end, 16);
	return true;
}

/*
 * "[DDDD:]BB:DD.F" at the start of the len bytes at s (not NUL-terminated);
 * returns its length or 0.
 */
static size_t parse_bdf(const char *s, size_t len, __u16 *domain,
			__u16 *bdf)
{
	unsigned long d = 0, b, dev, f;
	size_t off = 0;

	if (len >= 12 && s[4] == ':' && hexn(s, 4, &d))
		off = 5;
	if (len < off + 7)
		return 0;
	if (!hexn(s + off, 2, &b) || s[off + 2] != ':' ||
	    !hexn(s + off + 3, 2, &dev) || s[off + 5] != '.' ||
	    s[off + 6] < '0' || s[off + 6] > '7' || dev > 31)
		return 0;
	f = s[off + 6] - '0';
	*domain = d;
	*bdf = b << 8 | dev << 3 | f;
	return off + 7;
}

static void finish_cfg(struct lspci_state *st);

static int select_func(struct lspci_state *st, __u16 domain, __u16 bdf)
{
	struct bh_pci_list *out = st->out;
	struct bh_pci_func *grown;
	size_t i;

	finish_cfg(st);
	for (i = 0; i < out->count; i++) {
		if (out->list[i].domain == domain && out->list[i].bdf == bdf) {
			st->cur = &out->list[i];
			return 0;
		}
	}
	if (out->count == out->capacity) {
		size_t cap = out->capacity ? out->capacity * 2 : 16;

		grown = realloc(out->list, cap * sizeof(*grown));
		if (!grown)
			return -ENOMEM;
		out->list = grown;
		out->capacity = cap;
	}
	st->cur = &out->list[out->count++];
	memset(st->cur, 0, sizeof(*st->cur));
	st->cur->domain = domain;
	st->cur->bdf = bdf;
	return 0;
}

/* "... [cccc]: ... [vvvv:dddd]" of a -nn header line, as far as shown. */
static void parse_header_ids(struct bh_pci_func *f, const char *s, size_t len)
{
	const char *colon = NULL, *p;
	unsigned long a, b;

	for (p = s; p + 1 < s + len; p++) {
		if (p[0] == ':' && p[1] == ' ') {
			colon = p;
			break;
		}
	}
	if (colon && colon - s >= 6 && colon[-1] == ']' &&
	    colon[-6] == '[' && hexn(colon - 5, 4, &a)) {
		f->class_code = a;
		f->have_class = true;
	}
	for (p = s + len - 11; colon && p > colon; p--) {
		if (p[0] == '[' && p[5] == ':' && p[10] == ']' &&
		    hexn(p + 1, 4, &a) && hexn(p + 6, 4, &b)) {
			f->vendor = a;
			f->device = b;
			f->have_ids = true;
			break;
		}
	}
}

/* "... [xxxx]" at the end of a -vmmnn value. */
static bool trailing_id(const char *v, size_t len, unsigned long *id)
{
	return len >= 6 && v[len - 1] == ']' && v[len - 6] == '[' &&
	       hexn(v + len - 5, 4, id);
}

static int vmm_line(struct lspci_state *st, const char *s, size_t len)
{
	const char *tab = memchr(s, '\t', len);
	size_t klen, vlen;
	unsigned long id;
	__u16 domain, bdf;

	if (!tab || tab == s || tab[-1] != ':')
		return 1;
	klen = tab - s - 1;
	s = tab + 1;
	vlen = len - klen - 2;
	if (klen == 4 && !strncmp(tab - 5, "Slot", 4)) {
		if (parse_bdf(s, vlen, &domain, &bdf) != vlen || !vlen) {
			bh_config_error_add(st->errs, st->pos, "lspci",
				"Slot: expected [DDDD:]BB:DD.F, got \"%.*s\"",
				(int)(vlen > 20 ? 20 : vlen), s);
			return -EINVAL;
		}
		return select_func(st, domain, bdf);
	}
	if (!st->cur)
		return 0;	/* fields before any Slot: nothing to attach */
	if (klen == 5 && !strncmp(tab - 6, "Class", 5) &&
	    trailing_id(s, vlen, &id)) {
		st->cur->class_code = id;
		st->cur->have_class = true;
	} else if (klen == 6 && !strncmp(tab - 7, "Vendor", 6) &&
		   trailing_id(s, vlen, &id)) {
		st->cur->vendor = id;
	} else if (klen == 6 && !strncmp(tab - 7, "Device", 6) &&
		   trailing_id(s, vlen, &id)) {
		st->cur->device = id;
		st->cur->have_ids = true;
	}
	return 0;
}

static __u64 size_value(const char *s)
{
	char *end;
	__u64 v = strtoull(s, &end, 10);

	switch (*end) {
	case 'K': return v << 10;
	case 'M': return v << 20;
	case 'G': return v << 30;
	case 'T': return v << 40;
	default: return v;
	}
}

/* "\tRegion N: Memory at ADDR (...) [size=S]" or "I/O ports at". */
static void region_line(struct lspci_state *st, const char *s, size_t len)
{
	char line[256], *p, *end;
	struct bh_pci_bar *bar;
	unsigned long n;

	if (!st->cur || len >= sizeof(line))
		return;
	memcpy(line, s, len);
	line[len] = '\0';
	p = strstr(line, "Region ");
	if (!p)
		return;
	n = strtoul(p + 7, &end, 10);
	if (end == p + 7 || *end != ':' || n >= BULKHEAD_PCI_NUM_BARS)
		return;
	bar = &st->cur->bars[n];
	p = strstr(end, " at ");
	if (!p)
		return;
	bar->io = strstr(end, "I/O ports") != NULL;
	bar->address = strtoull(p + 4, &end, 16);
	if (end == p + 4)
		return;		/* "<unassigned>", "<ignored>" */
	bar->present = true;
	p = strstr(end, "[size=");
	if (p)
		bar->size = size_value(p + 6);
}

static int dump_line(struct lspci_state *st, const char *s, size_t len)
{
	unsigned long off, byte;
	size_t i, n;

	n = s[2] == ':' ? 2 : 3;
	if (!hexn(s, n, &off) || !st->cur)
		goto bad;
	for (i = 0, s += n + 1, len -= n + 1; len >= 3; i++) {
		if (s[0] != ' ' || !hexn(s + 1, 2, &byte))
			goto bad;
		if (off + i < sizeof(st->cfg)) {
			st->cfg[off + i] = byte;
			st->cfg_seen[off + i] = true;
		}
		s += 3;
		len -= 3;
	}
	if (len)
		goto bad;
	return 0;
bad:
	bh_config_error_add(st->errs, st->pos, "lspci", st->cur ?
			    "bad hex dump line (want \"OO: XX XX ...\")" :
			    "hex dump before any function header");
	return -EINVAL;
}

static __u32 cfg32(const struct lspci_state *st, unsigned int off)
{
	return st->cfg[off] | st->cfg[off + 1] << 8 | st->cfg[off + 2] << 16 |
	       (__u32)st->cfg[off + 3] << 24;
}

/* Decodes the standard header of the dump collected for cur. */
static void finish_cfg(struct lspci_state *st)
{
	struct bh_pci_func *f = st->cur;
	unsigned int i, nbars;
	__u32 v;

	if (!f || !st->cfg_seen[0x3f]) {
		memset(st->cfg_seen, 0, sizeof(st->cfg_seen));
		return;
	}
	f->vendor = cfg32(st, 0) & 0xffff;
	f->device = cfg32(st, 0) >> 16;
	f->class_code = cfg32(st, 8) >> 16;
	f->have_ids = f->have_class = true;
	nbars = (st->cfg[0x0e] & 0x7f) == 0 ? 6 : 2;
	for (i = 0; i < nbars; i++) {
		v = cfg32(st, 0x10 + 4 * i);
		if (!v || f->bars[i].present)
			continue;
		f->bars[i].present = true;
		f->bars[i].io = v & 1;
		f->bars[i].address = v & (v & 1 ? ~3u : ~15u);
		if (!(v & 1) && (v & 6) == 4 && i + 1 < nbars)
			f->bars[i].address |= (__u64)cfg32(st, 0x14 + 4 * i)
					      << 32, i++;
	}
	memset(st->cfg_seen, 0, sizeof(st->cfg_seen));
}

static int parse_line(struct lspci_state *st, const char *s, size_t len)
{
	__u16 domain, bdf;
	size_t n;
	int ret;

	if (s[0] == '\t' || s[0] == ' ') {
		region_line(st, s, len);
		return 0;
	}
	n = parse_bdf(s, len, &domain, &bdf);
	if (n && n < len && s[n] == ' ') {
		ret = select_func(st, domain, bdf);
		if (!ret)
			parse_header_ids(st->cur, s + n + 1, len - n - 1);
		return ret;
	}
	if (len >= 4 && isxdigit((unsigned char)s[0]) &&
	    (s[2] == ':' || s[3] == ':'))
		return dump_line(st, s, len);
	ret = vmm_line(st, s, len);
	if (ret <= 0)
		return ret;
	bh_config_error_add(st->errs, st->pos, "lspci", "not a form of lspci "
			    "output (-nn, -vvvnn, -vmmnnk, -xxx): \"%.*s\"",
			    (int)(len > 40 ? 40 : len), s);
	return -EINVAL;
}

int bh_lspci_parse(const char *text, struct bh_pci_list *out,
		   struct bh_config_errors *errs)
{
	struct lspci_state st = { .out = out, .errs = errs };
	const char *nl;
	size_t len;
	int ret = 0;

	memset(out, 0, sizeof(*out));
	for (; *text && !ret; text = nl ? nl + 1 : text + len) {
		nl = strchr(text, '\n');
		len = nl ? (size_t)(nl - text) : strlen(text);
		snprintf(st.pos, sizeof(st.pos), "%u", ++st.lineno);
		if (len)
			ret = parse_line(&st, text, len);
	}
	if (!ret)
		finish_cfg(&st);
	if (ret)
		bh_pci_list_free(out);
	return ret;
}

void bh_pci_list_free(struct bh_pci_list *pci)
{
	free(pci->list);
	memset(pci, 0, sizeof(*pci));
}
