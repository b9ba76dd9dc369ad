// SPDX-License-Identifier: (GPL-2.0 OR BSD-2-Clause)
/*
 * The cell's side of the comm region protocol
 * (include/bulkhead/comm_region.h): recognise the page, answer the
 * hypervisor's messages, report the cell's state.
 *
 * The page is at __inmate_comm_region (inmate.lds): the hypervisor's page
 * in cell images, a zeroed page of the image in bare-metal ones. Without a
 * valid signature there is no hypervisor and every call here is a no-op.
 */
#include <inmate.h>
#include <bulkhead/comm_region.h>

extern char __inmate_comm_region[];

static struct bulkhead_comm_region *comm;
static bool comm_checked, locked;

/* The other side changes the exchange fields at any time. */
static __u32 comm_get(const __u32 *field)
{
	return *(const volatile __u32 *)field;
}

static void comm_put(__u32 *field, __u32 val)
{
	*(volatile __u32 *)field = val;
}

static bool signature_ok(const struct bulkhead_comm_region *c)
{
	const char *want = BULKHEAD_COMM_SIGNATURE;
	unsigned int n;

	for (n = 0; n < sizeof(c->signature); n++)
		if (c->signature[n] != want[n])
			return false;
	return true;
}

void comm_init(void)
{
	struct bulkhead_comm_region *c =
		(struct bulkhead_comm_region *)__inmate_comm_region;

	comm_checked = true;
	if (!signature_ok(c))
		return;
	if (c->revision != BULKHEAD_COMM_REVISION ||
	    c->size < sizeof(*c)) {
		/* Answering a protocol we do not know could do harm. */
		comm_put(&c->cell_state, BULKHEAD_CELL_FAILED_COMM_REV);
		printk("comm: revision %u size %u not supported, want %u\n",
		       c->revision, c->size, BULKHEAD_COMM_REVISION);
		return;
	}
	comm = c;
	comm_put(&comm->cell_state, BULKHEAD_CELL_RUNNING);
}

struct bulkhead_comm_region *comm_region(void)
{
	if (!comm_checked)
		comm_init();
	return comm;
}

bool inmate_in_cell(void)
{
	return comm_region() != NULL;
}

/*
 * The virtual PCI host (revision 2). 0 without a hypervisor or when the
 * cell has no virtual PCI device: then nothing is at the ECAM address and
 * a cell that touched it would be stopped.
 */
unsigned long comm_vpci_ecam_base(void)
{
	return comm_region() ? comm->vpci_ecam_base : 0;
}

unsigned int comm_vpci_irq_base(void)
{
	return comm_region() ? comm->vpci_irq_base : 0;
}

void comm_set_locked(bool lock)
{
	locked = lock;
	if (comm_region())
		comm_put(&comm->cell_state,
			 lock ? BULKHEAD_CELL_RUNNING_LOCKED :
				BULKHEAD_CELL_RUNNING);
}

static void reply(__u32 answer)
{
	comm_put(&comm->msg_to_cell, BULKHEAD_MSG_NONE);
	dmb(ish);		/* the message is consumed before we answer */
	comm_put(&comm->reply_from_cell, answer);
}

/* Answers a pending message, if any; call it from the main loop. */
enum comm_event comm_poll(void)
{
	__u32 msg;

	if (!comm_region())
		return COMM_NOTHING;
	msg = comm_get(&comm->msg_to_cell);
	dmb(ish);		/* read the message before anything it covers */
	switch (msg) {
	case BULKHEAD_MSG_NONE:
		return COMM_NOTHING;
	case BULKHEAD_MSG_SHUTDOWN_REQUEST:
		reply(locked ? BULKHEAD_REPLY_DENIED : BULKHEAD_REPLY_APPROVED);
		return locked ? COMM_SHUTDOWN_DENIED : COMM_SHUTDOWN_APPROVED;
	case BULKHEAD_MSG_RECONFIG_DONE:
		reply(BULKHEAD_REPLY_RECEIVED);
		return COMM_OTHER;
	default:
		reply(BULKHEAD_REPLY_UNKNOWN);
		return COMM_OTHER;
	}
}

/* inmate_main() returned: the program is over, the CPU halts next. */
void comm_report_shut_down(void)
{
	if (comm && comm_get(&comm->cell_state) != BULKHEAD_CELL_FAILED)
		comm_put(&comm->cell_state, BULKHEAD_CELL_SHUT_DOWN);
}

/* Called on a fatal error: the hypervisor may report and reclaim us. */
void comm_report_failed(void)
{
	if (comm)
		comm_put(&comm->cell_state, BULKHEAD_CELL_FAILED);
}
