// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * A small printf: %d %i %u %x %X %p %s %c %%, the flags '0' and '-', a
 * field width (also '*'), and the length modifiers l, ll and z.
 *
 * printk() formats a whole line into a buffer and writes it at once, so a
 * line leaves the cell in one piece (a shared UART or a hypercall console
 * interleaves less).
 */
#include <inmate.h>

#define PRINTK_LINE		512

struct out {
	char *buf;
	unsigned long size, len;	/* len counts what did not fit, too */
};

struct spec {
	bool zero, left;
	unsigned int width;
	int length;			/* 0 int, 1 long, 2 long long */
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, unsigned int n)
{
	while (n--)
		out_char(o, c);
}

static void out_string(struct out *o, const struct spec *sp, const char *s)
{
	unsigned int len = 0;

	if (!s)
		s = "(null)";
	while (s[len])
		len++;
	if (!sp->left && sp->width > len)
		out_pad(o, ' ', sp->width - len);
	while (*s)
		out_char(o, *s++);
	if (sp->left && sp->width > len)
		out_pad(o, ' ', sp->width - len);
}

static void out_number(struct out *o, const struct spec *sp,
		       unsigned long long val, bool negative,
		       unsigned int base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	unsigned int n = 0, len;

	do {
		tmp[n++] = digits[val % base];
		val /= base;
	} while (val);
	len = n + negative;

	if (sp->left || !sp->zero) {
		if (!sp->left && sp->width > len)
			out_pad(o, ' ', sp->width - len);
		if (negative)
			out_char(o, '-');
	} else {
		if (negative)
			out_char(o, '-');
		if (sp->width > len)
			out_pad(o, '0', sp->width - len);
	}
	while (n)
		out_char(o, tmp[--n]);
	if (sp->left && sp->width > len)
		out_pad(o, ' ', sp->width - len);
}

/* Parses flags, width and length at *fmt; leaves *fmt at the conversion. */
static void parse_spec(const char **fmt, struct spec *sp, va_list *ap)
{
	const char *f = *fmt;

	*sp = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '0')
			sp->zero = true;
		else if (*f == '-')
			sp->left = true;
		else
			break;
	}
	if (*f == '*') {
		int w = va_arg(*ap, int);

		sp->width = w < 0 ? 0 : w;
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	while (*f == 'l') {
		sp->length++;
		f++;
	}
	if (*f == 'z') {
		sp->length = 1;
		f++;
	}
	*fmt = f;
}

static unsigned long long arg_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->length >= 2)
		return va_arg(*ap, unsigned long long);
	if (sp->length == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(const struct spec *sp, va_list *ap)
{
	if (sp->length >= 2)
		return va_arg(*ap, long long);
	if (sp->length == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void convert(struct out *o, char conv, struct spec *sp, va_list *ap)
{
	long long sval;
	unsigned long long mag;

	switch (conv) {
	case 'd':
	case 'i':
		sval = arg_signed(sp, ap);
		mag = sval;
		if (sval < 0)
			mag = -mag;	/* well defined even for LLONG_MIN */
		out_number(o, sp, mag, sval < 0, 10, false);
		break;
	case 'u':
		out_number(o, sp, arg_unsigned(sp, ap), false, 10, false);
		break;
	case 'x':
	case 'X':
		out_number(o, sp, arg_unsigned(sp, ap), false, 16,
			   conv == 'X');
		break;
	case 'p':
		out_char(o, '0');
		out_char(o, 'x');
		sp->zero = true;
		sp->width = 16;
		out_number(o, sp, (unsigned long)va_arg(*ap, void *), false,
			   16, false);
		break;
	case 's':
		out_string(o, sp, va_arg(*ap, const char *));
		break;
	case 'c':
		out_char(o, (char)va_arg(*ap, int));
		break;
	default:	/* %% and anything unknown: print it as it stands */
		out_char(o, conv);
		break;
	}
}

int vsnprintk(char *buf, unsigned long size, const char *fmt, va_list ap)
{
	struct out o = { .buf = buf, .size = size };
	struct spec sp;
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp, &args);
		if (!*fmt)
			break;
		convert(&o, *fmt++, &sp, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

int snprintk(char *buf, unsigned long size, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return len;
}

void printk(const char *fmt, ...)
{
	char line[PRINTK_LINE];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(line))
		len = sizeof(line) - 1;
	console_write(line, len);
}
