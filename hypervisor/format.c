// SPDX-License-Identifier: GPL-2.0
/*
 * printf-style formatting for the hypervisor's messages. Kept free of
 * anything architecture-specific so host unit tests can check it.
 */
#include <hv/format.h>

struct out {
	char *buf;
	size_t size;
	size_t len;		/* characters the full output has */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_str(struct out *o, const char *s, unsigned int width)
{
	size_t n = 0;

	if (!s)
		s = "(null)";
	while (s[n])
		n++;
	for (; width > n; width--)
		put(o, ' ');
	while (*s)
		put(o, *s++);
}

static void put_num(struct out *o, u64 v, unsigned int base, bool negative,
		    unsigned int width, char pad)
{
	char digits[24];
	unsigned int n = 0;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	if (negative)
		width = width ? width - 1 : 0;
	if (negative && pad == '0')
		put(o, '-');
	for (; width > n; width--)
		put(o, pad);
	if (negative && pad != '0')
		put(o, '-');
	while (n)
		put(o, digits[--n]);
}

/* Reads an integer argument of the given length modifier count. */
static u64 arg_unsigned(va_list *ap, unsigned int longs)
{
	if (longs >= 2)
		return va_arg(*ap, unsigned long long);
	if (longs == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static s64 arg_signed(va_list *ap, unsigned int longs)
{
	if (longs >= 2)
		return va_arg(*ap, long long);
	if (longs == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void conversion(struct out *o, const char **fmtp, va_list *ap)
{
	const char *f = *fmtp;
	unsigned int width = 0, longs = 0;
	char pad = ' ';
	s64 sv;

	if (*f == '0') {
		pad = '0';
		f++;
	}
	while (*f >= '0' && *f <= '9')
		width = width * 10 + (unsigned int)(*f++ - '0');
	while (*f == 'l') {
		longs++;
		f++;
	}
	switch (*f) {
	case 'c':
		put(o, (char)va_arg(*ap, int));
		break;
	case 's':
		put_str(o, va_arg(*ap, const char *), width);
		break;
	case 'd':
		sv = arg_signed(ap, longs);
		put_num(o, sv < 0 ? -(u64)sv : (u64)sv, 10, sv < 0, width, pad);
		break;
	case 'u':
		put_num(o, arg_unsigned(ap, longs), 10, false, width, pad);
		break;
	case 'x':
		put_num(o, arg_unsigned(ap, longs), 16, false, width, pad);
		break;
	case 'p':
		put(o, '0');
		put(o, 'x');
		put_num(o, (uintptr_t)va_arg(*ap, void *), 16, false, width,
			pad);
		break;
	case '%':
		put(o, '%');
		break;
	case '\0':
		/* A lone '%' at the end: print it, do not run off the end. */
		put(o, '%');
		*fmtp = f;
		return;
	default:
		put(o, '%');
		put(o, *f);
		break;
	}
	*fmtp = f + 1;
}

size_t format_v(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		conversion(&o, &fmt, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

size_t format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = format_v(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
