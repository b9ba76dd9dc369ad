// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * timer-jitter: a periodic virtual-timer interrupt; each sample is the time
 * from the programmed deadline to the handler's first counter read, so it
 * holds the interrupt path (GIC, vector, dispatch; in a cell also the
 * hypervisor's injection) and nothing else. Every window of samples is
 * reported as one JITTER v1 line (docs/inmates.md) and, in a cell with an
 * ivshmem link, also published into its output section
 * (include/bulkhead/jitter.h).
 *
 * Parameter word (image offset 0x10, docs/inmates.md):
 *   bits 15:0   period in microseconds, 0 = 1000
 *   bits 27:16  samples per window, 0 = 100
 *   bit  30     console only: do not publish into shared memory
 *   bit  31     locked: deny the hypervisor's shutdown requests
 */
#include <inmate.h>
#include "jitter-shm.h"
#include "jitter-stats.h"

#define DEFAULT_PERIOD_US	1000
#define DEFAULT_WINDOW		100
#define PARAM_CONSOLE_ONLY	(1U << 30)
#define PARAM_LOCKED		(1U << 31)

static __u64 period_ticks, period_ns, deadline, window_samples;
static struct jitter_window current, finished;
static volatile __u64 finished_count;
static struct jitter_shm shm;

/* Out of line so that on_timer() reads the counter before saving much. */
static void __attribute__((noinline)) take_sample(__u64 now)
{
	__u64 late = now - deadline;

	jitter_add(&current, late, timer_ticks_to_ns(late));
	deadline += period_ticks;
	if (deadline <= now) {
		/* Missed whole periods: count it and do not try to catch up. */
		current.overruns++;
		deadline = now + period_ticks;
	}
	timer_arm_deadline(deadline);

	if (current.samples >= window_samples) {
		finished = current;
		finished_count++;
		jitter_window_reset(&current, current.seq + 1);
	}
}

static void on_timer(unsigned int irq)
{
	take_sample(timer_ticks());	/* first: this is what we measure */
}

static void setup(__u32 param)
{
	__u64 period_us = param & 0xffff;

	if (!period_us)
		period_us = DEFAULT_PERIOD_US;
	window_samples = (param >> 16) & 0xfff;
	if (!window_samples)
		window_samples = DEFAULT_WINDOW;
	period_ns = period_us * 1000;
	period_ticks = timer_ns_to_ticks(period_ns);
	comm_set_locked(param & PARAM_LOCKED);

	printk("timer-jitter: %s, period %llu us, %llu samples per window, "
	       "counter %llu Hz, %s\n",
	       inmate_in_cell() ? "in a cell" : "bare metal", period_us,
	       window_samples, timer_frequency(),
	       param & PARAM_LOCKED ? "locked" : "not locked");
}

/*
 * Reports the last finished window, if the main loop has not yet: from
 * here, not from the interrupt, so that publishing (a doorbell is a trap)
 * never delays a sample.
 */
static void report(__u64 *printed)
{
	struct jitter_window w;

	if (*printed == finished_count)
		return;
	irq_mask();
	w = finished;
	*printed = finished_count;
	irq_unmask();
	jitter_shm_publish(&shm, &w);
	jitter_print(&w, period_ns);
}

void inmate_main(void)
{
	__u64 printed = 0;

	console_init();
	setup(inmate_param);
	if (gic_init()) {
		printk("timer-jitter: no interrupt controller, stopping\n");
		return;
	}
	jitter_shm_init(&shm, inmate_param & PARAM_CONSOLE_ONLY, period_ns);
	jitter_window_reset(&current, 0);
	irq_set_handler(TIMER_IRQ, on_timer);
	gic_enable_irq(TIMER_IRQ);
	deadline = timer_ticks() + period_ticks;
	timer_arm_deadline(deadline);
	irq_unmask();

	/* The timer stays armed, so WFI never waits for ever (icount). */
	for (;;) {
		cpu_wait_for_interrupt();
		report(&printed);
		switch (comm_poll()) {
		case COMM_SHUTDOWN_APPROVED:
			timer_disarm();
			jitter_shm_stop(&shm);
			printk("timer-jitter: shutdown approved\n");
			return;
		case COMM_SHUTDOWN_DENIED:
			printk("timer-jitter: shutdown denied (locked)\n");
			break;
		default:
			break;
		}
	}
}
