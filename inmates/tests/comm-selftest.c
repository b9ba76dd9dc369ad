// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * comm-selftest: the library's comm region protocol, bare metal. This
 * program plays the hypervisor on the image's stub comm page: it fills in
 * the page, and posts messages from its timer interrupt (asynchronously to
 * the main loop, as a hypervisor on another CPU would), while the main loop
 * answers them through the library exactly as a demo does.
 *
 * Prints "COMM-SELFTEST ok: STEP" per step, then "COMM-SELFTEST PASS", or
 * "COMM-SELFTEST FAIL: ..." and stops.
 */
#include <inmate.h>
#include <bulkhead/comm_region.h>
#include <bulkhead/config.h>

#define POST_PERIOD_US		100
#define POLL_US			10
#define MAX_POLLS		10000	/* 100 ms for a reply, at most */
#define MSG_BOGUS		77

extern char __inmate_comm_region[];

/* volatile: the library changes it behind this program's back. */
static volatile struct bulkhead_comm_region *const page =
	(volatile struct bulkhead_comm_region *)__inmate_comm_region;
static volatile __u32 pending_msg;
static __u64 period_ticks;

static void fail(const char *what, __u32 got, __u32 want)
{
	printk("COMM-SELFTEST FAIL: %s: got %u, want %u\n", what, got, want);
	inmate_halt();
}

static void expect(const char *what, __u32 got, __u32 want)
{
	if (got != want)
		fail(what, got, want);
}

/* The "hypervisor": posts pending_msg, as in comm_region.h step 1. */
static void on_timer(unsigned int irq)
{
	timer_arm_deadline(timer_ticks() + period_ticks);
	if (!pending_msg)
		return;
	page->reply_from_cell = BULKHEAD_REPLY_NONE;
	dmb(ish);
	page->msg_to_cell = pending_msg;
	pending_msg = 0;
}

static void hv_fill_page(__u32 revision)
{
	const char *sig = BULKHEAD_COMM_SIGNATURE;
	unsigned int n;

	for (n = 0; n < sizeof(page->signature); n++)
		page->signature[n] = sig[n];
	page->revision = revision;
	page->size = sizeof(*page);
	page->console_type = BULKHEAD_CON_TYPE_PL011;
	page->console_address = 0x09000000;
}

/* One exchange: post msg, let the main loop answer it, check both ends. */
static void exchange(const char *step, __u32 msg, enum comm_event want_event,
		     __u32 want_reply)
{
	enum comm_event ev = COMM_NOTHING;
	unsigned int n;

	pending_msg = msg;
	/* Polling, not WFI: a lost interrupt must fail, not hang. */
	for (n = 0; n < MAX_POLLS && ev == COMM_NOTHING; n++) {
		delay_us(POLL_US);
		ev = comm_poll();
	}
	expect(step, ev, want_event);
	expect("reply_from_cell", page->reply_from_cell, want_reply);
	expect("msg_to_cell consumed", page->msg_to_cell, BULKHEAD_MSG_NONE);
	printk("COMM-SELFTEST ok: %s\n", step);
}

void inmate_main(void)
{
	console_init();
	if (inmate_in_cell()) {
		printk("COMM-SELFTEST skipped: a real hypervisor is here\n");
		return;
	}

	/* Bare: the distributor is set up only while no hypervisor shows. */
	if (gic_init())
		fail("gic_init", 1, 0);

	hv_fill_page(BULKHEAD_COMM_REVISION + 1);
	comm_init();
	expect("in a cell with a foreign revision", inmate_in_cell(), false);
	expect("cell_state", page->cell_state, BULKHEAD_CELL_FAILED_COMM_REV);
	printk("COMM-SELFTEST ok: unknown revision refused\n");

	hv_fill_page(BULKHEAD_COMM_REVISION);
	comm_init();
	expect("in a cell", inmate_in_cell(), true);
	expect("cell_state", page->cell_state, BULKHEAD_CELL_RUNNING);
	console_init();
	expect("console from the page", console_backend(), CONSOLE_PL011);
	printk("COMM-SELFTEST ok: page recognised, console from it\n");

	period_ticks = timer_ns_to_ticks(POST_PERIOD_US * 1000);
	irq_set_handler(TIMER_IRQ, on_timer);
	gic_enable_irq(TIMER_IRQ);
	timer_arm_deadline(timer_ticks() + period_ticks);
	irq_unmask();

	comm_set_locked(true);
	expect("cell_state", page->cell_state, BULKHEAD_CELL_RUNNING_LOCKED);
	exchange("locked: shutdown denied", BULKHEAD_MSG_SHUTDOWN_REQUEST,
		 COMM_SHUTDOWN_DENIED, BULKHEAD_REPLY_DENIED);
	exchange("reconfiguration received", BULKHEAD_MSG_RECONFIG_DONE,
		 COMM_OTHER, BULKHEAD_REPLY_RECEIVED);
	exchange("unknown message answered", MSG_BOGUS, COMM_OTHER,
		 BULKHEAD_REPLY_UNKNOWN);
	comm_set_locked(false);
	expect("cell_state", page->cell_state, BULKHEAD_CELL_RUNNING);
	exchange("unlocked: shutdown approved", BULKHEAD_MSG_SHUTDOWN_REQUEST,
		 COMM_SHUTDOWN_APPROVED, BULKHEAD_REPLY_APPROVED);

	timer_disarm();
	printk("COMM-SELFTEST PASS\n");
}
