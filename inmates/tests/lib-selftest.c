// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * lib-selftest: the library's pieces that the demos use only partly,
 * checked bare metal: printk's conversions, an SGI to this CPU through
 * ICC_SGI1R_EL1 reaching its handler (and not when disabled), an
 * unhandled interrupt being disabled, delay_us() against the counter,
 * the MMU's attributes as the CPU itself reports them (AT S1E1R).
 *
 * Prints "LIB-SELFTEST ok: STEP" per step, then "LIB-SELFTEST PASS", or
 * "LIB-SELFTEST FAIL: ..." and stops.
 */
#include <inmate.h>

#define TEST_SGI		3
#define UNHANDLED_SGI		4
#define SGI_WAIT_US		1000

#define UART_BASE		0x09000000UL	/* QEMU virt's PL011 */
/* RAM on QEMU's virt board (-m 1G), blocks away from the image. */
#define SPARE_RAM		0x44000000UL
#define BLOCK_SIZE		0x200000UL
/* Above the low 4 GiB: a 1 GiB block map_range() has to split. */
#define HIGH_ADDR		0x1040000000UL
#define SCTLR_M			(1UL << 0)
#define SCTLR_C			(1UL << 2)
#define SCTLR_I			(1UL << 12)
/* PAR_EL1.ATTR as MAIR encodes it. */
#define ATTR_NORMAL_WB		0xff	/* inner/outer WB, RA/WA */
#define ATTR_DEVICE_NGNRE	0x04
#define PAR_F			(1UL << 0)
#define PAR_PA_MASK		0x0000fffffffff000UL

extern char __inmate_start[], __inmate_end[];

static volatile unsigned int sgi_count;
/* Hidden from GCC, which would otherwise refuse a literal NULL for %s. */
static const char *volatile null_string;

static void fail(const char *what, const char *got, const char *want)
{
	printk("LIB-SELFTEST FAIL: %s: got '%s', want '%s'\n", what, got, want);
	inmate_halt();
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

static void check_format(const char *want, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void check_format(const char *want, const char *fmt, ...)
{
	char buf[64];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintk(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (!same(buf, want))
		fail(fmt, buf, want);
	if (buf[len] != '\0')
		fail("returned length", fmt, want);
}

static void test_printk(void)
{
	char small[8];
	int len;

	check_format("42 -42 0", "%d %i %d", 42, -42, 0);
	check_format("-2147483648", "%d", -2147483647 - 1);
	check_format("4294967295", "%u", 4294967295U);
	check_format("ff FF 0xbadc0de", "%x %X 0x%x", 255, 255, 0xbadc0de);
	check_format("ffffffffffffffff", "%lx", ~0UL);
	check_format("18446744073709551615", "%llu", ~0ULL);
	check_format("-9223372036854775808", "%lld", -9223372036854775807LL - 1);
	check_format("[   7][7   ][0007][-007]", "[%4d][%-4d][%04d][%04d]",
		     7, 7, 7, -7);
	check_format("[00ab][  ab]", "[%04x][%*x]", 0xab, 4, 0xab);
	check_format("[hi][  hi][hi  ][(null)]", "[%s][%4s][%-4s][%s]",
		     "hi", "hi", "hi", null_string);
	check_format("c=x 100%", "c=%c 100%%", 'x');
	check_format("0x0000000040080000", "%p", (void *)0x40080000UL);
	check_format("123", "%zu", (unsigned long)123);

	len = snprintk(small, sizeof(small), "%s", "truncated");
	if (len != 9 || !same(small, "truncat"))
		fail("truncation", small, "truncat (length 9)");
	printk("LIB-SELFTEST ok: printk conversions\n");
}

static void on_sgi(unsigned int irq)
{
	if (irq == TEST_SGI)
		sgi_count++;
}

/* Sends TEST_SGI to this CPU and waits a bounded time for the handler. */
static unsigned int send_and_wait(void)
{
	unsigned int before = sgi_count;
	__u64 end;

	gic_send_sgi(cpu_affinity() & ~0xffU, 1U << (cpu_affinity() & 0xf),
		     TEST_SGI);
	end = timer_ticks() + timer_ns_to_ticks(SGI_WAIT_US * 1000);
	while (sgi_count == before && timer_ticks() < end)
		cpu_relax();
	return sgi_count - before;
}

static void test_sgi(void)
{
	if (gic_init())
		fail("gic_init", "error", "0");
	irq_set_handler(TEST_SGI, on_sgi);
	gic_enable_irq(TEST_SGI);
	irq_unmask();
	if (send_and_wait() != 1)
		fail("SGI to self", "not delivered once", "delivered once");
	printk("LIB-SELFTEST ok: SGI to this CPU handled\n");

	gic_disable_irq(TEST_SGI);
	if (send_and_wait() != 0)
		fail("disabled SGI", "delivered", "not delivered");
	printk("LIB-SELFTEST ok: disabled SGI not delivered\n");

	/* No handler: dispatched once, counted, then disabled. */
	gic_enable_irq(UNHANDLED_SGI);
	gic_send_sgi(cpu_affinity() & ~0xffU, 1U << (cpu_affinity() & 0xf),
		     UNHANDLED_SGI);
	delay_us(SGI_WAIT_US);
	if (irq_unhandled_count != 1)
		fail("unhandled interrupt", "not counted once", "counted once");
	printk("LIB-SELFTEST ok: unhandled interrupt counted\n");
	irq_mask();
}

/* Stage 1 translation of a read at EL1, as the MMU does it now. */
static __u64 translate(unsigned long va)
{
	__u64 par;

	asm volatile("at s1e1r, %1\n\tisb\n\tmrs %0, par_el1"
		     : "=r" (par) : "r" (va) : "memory");
	return par;
}

static void check_attr(const char *what, unsigned long va, unsigned int want)
{
	__u64 par = translate(va);
	char got[40], expected[40];

	if (par & PAR_F)
		snprintk(got, sizeof(got), "fault, PAR 0x%llx", par);
	else if ((par & PAR_PA_MASK) != (va & PAR_PA_MASK))
		snprintk(got, sizeof(got), "PA 0x%llx", par & PAR_PA_MASK);
	else
		snprintk(got, sizeof(got), "attr 0x%02llx", par >> 56);
	snprintk(expected, sizeof(expected), "attr 0x%02x", want);
	if (!same(got, expected))
		fail(what, got, expected);
}

static void test_mmu(void)
{
	static volatile __u32 in_bss;
	__u64 sctlr = read_sysreg(sctlr_el1);
	volatile __u32 *spare = (volatile __u32 *)SPARE_RAM;

	if ((sctlr & (SCTLR_M | SCTLR_C | SCTLR_I)) !=
	    (SCTLR_M | SCTLR_C | SCTLR_I))
		fail("SCTLR_EL1 M, C, I", "not all set", "set");
	check_attr("image start", (unsigned long)__inmate_start,
		   ATTR_NORMAL_WB);
	check_attr("code", (unsigned long)test_mmu, ATTR_NORMAL_WB);
	check_attr("BSS", (unsigned long)&in_bss, ATTR_NORMAL_WB);
	check_attr("image end", (unsigned long)__inmate_end - 1,
		   ATTR_NORMAL_WB);
	check_attr("UART", UART_BASE, ATTR_DEVICE_NGNRE);
	check_attr("RAM outside the image", SPARE_RAM, ATTR_DEVICE_NGNRE);
	printk("LIB-SELFTEST ok: MMU on, image Normal WB, UART Device\n");

	if (map_range(SPARE_RAM + 0x100, 8, MAP_CACHED))
		fail("map_range(cached)", "-1", "0");
	check_attr("mapped cached", SPARE_RAM, ATTR_NORMAL_WB);
	check_attr("same block", SPARE_RAM + BLOCK_SIZE - 4, ATTR_NORMAL_WB);
	check_attr("next block", SPARE_RAM + BLOCK_SIZE, ATTR_DEVICE_NGNRE);
	check_attr("previous block", SPARE_RAM - 4, ATTR_DEVICE_NGNRE);
	/* Written cached, then read uncached: the clean reached memory. */
	*spare = 0x600dcafe;
	if (map_range(SPARE_RAM, 4, MAP_UNCACHED))
		fail("map_range(uncached)", "-1", "0");
	check_attr("mapped back uncached", SPARE_RAM, ATTR_DEVICE_NGNRE);
	if (*spare != 0x600dcafe)
		fail("value written cached", "lost", "0x600dcafe");

	if (map_range(HIGH_ADDR, BLOCK_SIZE, MAP_CACHED))
		fail("map_range above 4 GiB", "-1", "0");
	check_attr("above 4 GiB", HIGH_ADDR, ATTR_NORMAL_WB);
	check_attr("same GiB, next block", HIGH_ADDR + BLOCK_SIZE,
		   ATTR_DEVICE_NGNRE);
	if (map_range(HIGH_ADDR, BLOCK_SIZE, MAP_UNCACHED))
		fail("map_range above 4 GiB, uncached", "-1", "0");
	check_attr("above 4 GiB, back", HIGH_ADDR, ATTR_DEVICE_NGNRE);

	if (!map_range((unsigned long)test_mmu, 4, MAP_UNCACHED))
		fail("map_range(image)", "0", "-1 (the image is kept)");
	if (!map_range(1UL << 39, BLOCK_SIZE, MAP_CACHED))
		fail("map_range(512 GiB)", "0", "-1 (beyond the map)");
	check_attr("code after refusals", (unsigned long)test_mmu,
		   ATTR_NORMAL_WB);
	printk("LIB-SELFTEST ok: map_range attributes\n");
}

static void test_delay(void)
{
	__u64 start = timer_ticks(), elapsed;

	delay_us(2000);
	elapsed = timer_ticks() - start;
	if (elapsed < timer_ns_to_ticks(2000000))
		fail("delay_us(2000)", "shorter", "at least 2 ms");
	if (timer_ticks_to_ns(timer_ns_to_ticks(1000000)) != 1000000)
		fail("ns/ticks round trip", "differs", "1000000");
	printk("LIB-SELFTEST ok: delay_us and conversions\n");
}

void inmate_main(void)
{
	console_init();
	test_printk();
	test_mmu();
	test_sgi();
	test_delay();
	printk("LIB-SELFTEST PASS\n");
}
