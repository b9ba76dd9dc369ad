// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor console ring (bulkhead/console.h), read through
 * /dev/bulkhead: read() returns what the hypervisor and the cells printed,
 * blocking until there is more unless O_NONBLOCK; poll() says when there
 * is. write() prints through the debug-console hypercall, tagged as the
 * root cell.
 *
 * The ring sits in hypervisor memory; the root cell's stage 2 maps it
 * read-only. The driver maps it (cacheable, like the hypervisor) while
 * enabled and unmaps it before disable: the region must carry no
 * cacheable alias of ours when the hypervisor cleans it and leaves.
 *
 * The hypervisor cannot interrupt us, so a timer looks for new data every
 * POLL_MS while the hypervisor is enabled and wakes readers.
 */
#include "bulkhead.h"

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <bulkhead/console.h>
#include <bulkhead/hypercall.h>

#define POLL_MS		50
#define MAX_WRITE	256

/* Each open file reads from its own position. */
struct console_reader {
	u64 pos;
	u64 epoch;	/* the enable pos belongs to */
};

static DEFINE_SPINLOCK(ring_lock);
static struct bulkhead_console_ring *ring;	/* NULL while disabled */
static size_t ring_bytes;
static u64 epoch;	/* counts enables: a new enable starts a new ring */
static u64 last_seen;
static DECLARE_WAIT_QUEUE_HEAD(console_wait);

static void poll_ring(struct work_struct *work);
static DECLARE_DELAYED_WORK(poll_work, poll_ring);

static void poll_ring(struct work_struct *work)
{
	u64 pos = 0;
	bool attached;

	spin_lock(&ring_lock);
	attached = ring;
	if (ring)
		pos = smp_load_acquire(&ring->write_pos);
	spin_unlock(&ring_lock);
	if (!attached)
		return;
	if (pos != last_seen) {
		last_seen = pos;
		wake_up_interruptible(&console_wait);
	}
	schedule_delayed_work(&poll_work, msecs_to_jiffies(POLL_MS));
}

int bh_console_attach(void)
{
	struct bulkhead_console_ring *r;
	u64 addr, size;
	int err;

	err = bh_get_info(BULKHEAD_INFO_CONSOLE_RING, 0, &addr);
	if (!err)
		err = bh_get_info(BULKHEAD_INFO_CONSOLE_RING, 1, &size);
	if (err)
		return err;
	if (size < sizeof(*r) || !PAGE_ALIGNED(addr))
		return -EINVAL;
	r = memremap(addr, size, MEMREMAP_WB);
	if (!r)
		return -ENOMEM;
	if (r->signature != BULKHEAD_CONSOLE_SIGNATURE ||
	    r->size > size - sizeof(*r) || !r->size) {
		memunmap(r);
		return -EINVAL;
	}
	spin_lock(&ring_lock);
	ring = r;
	ring_bytes = size;
	epoch++;
	last_seen = 0;
	spin_unlock(&ring_lock);
	wake_up_interruptible(&console_wait);
	schedule_delayed_work(&poll_work, 0);
	return 0;
}

void bh_console_detach(void)
{
	struct bulkhead_console_ring *r;

	spin_lock(&ring_lock);
	r = ring;
	ring = NULL;
	spin_unlock(&ring_lock);
	cancel_delayed_work_sync(&poll_work);
	if (r)
		memunmap(r);
}

/*
 * Copy what rd has not seen into buf (at most len bytes) under ring_lock,
 * following the reader's protocol in bulkhead/console.h.
 */
static size_t copy_new(struct console_reader *rd, char *buf, size_t len)
{
	u64 start, end, pos, now;
	size_t n, i;

	if (!ring)
		return 0;
	if (rd->epoch != epoch) {
		rd->epoch = epoch;
		rd->pos = 0;
	}
	end = smp_load_acquire(&ring->write_pos);
	start = rd->pos;
	if (end - start > ring->size)
		start = end - ring->size;
	n = min_t(u64, end - start, len);
	for (i = 0, pos = start; i < n; i++, pos++)
		buf[i] = READ_ONCE(ring->data[pos % ring->size]);
	smp_rmb();
	now = READ_ONCE(ring->write_pos);
	if (now - start > ring->size) {
		/* Overwritten while we copied: keep only the intact tail. */
		u64 lost = now - ring->size - start;

		if (lost >= n) {
			rd->pos = now - ring->size;
			return 0;
		}
		memmove(buf, buf + lost, n - lost);
		n -= lost;
		start += lost;
	}
	rd->pos = start + n;
	return n;
}

u64 bh_console_mark(void)
{
	u64 pos = 0;

	spin_lock(&ring_lock);
	if (ring)
		pos = smp_load_acquire(&ring->write_pos);
	spin_unlock(&ring_lock);
	return pos;
}

/* A hypercall's explanation is a line or two: this much covers it. */
#define FIND_BYTES	2048

bool bh_console_find_since(u64 mark, const char *prefix, char *buf,
			   size_t len)
{
	struct console_reader rd;
	char *text, *line, *next;
	size_t n, plen = strlen(prefix);
	bool found = false;

	text = kmalloc(FIND_BYTES + 1, GFP_KERNEL);
	if (!text)
		return false;
	spin_lock(&ring_lock);
	rd.epoch = epoch;
	rd.pos = mark;
	n = copy_new(&rd, text, FIND_BYTES);
	spin_unlock(&ring_lock);
	text[n] = '\0';
	for (line = text; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, prefix, plen)) {
			strscpy(buf, line + plen, len);
			found = true;
		}
	}
	kfree(text);
	return found;
}

static bool has_new(struct console_reader *rd)
{
	bool ret;

	spin_lock(&ring_lock);
	ret = ring && (rd->epoch != epoch ||
		       READ_ONCE(ring->write_pos) != rd->pos);
	spin_unlock(&ring_lock);
	return ret;
}

int bh_console_open(struct file *file)
{
	struct console_reader *rd = kzalloc(sizeof(*rd), GFP_KERNEL);

	if (!rd)
		return -ENOMEM;
	rd->epoch = U64_MAX;	/* never seen: start at the oldest data */
	file->private_data = rd;
	return 0;
}

void bh_console_release(struct file *file)
{
	kfree(file->private_data);
}

ssize_t bh_console_read(struct file *file, char __user *ubuf, size_t count)
{
	struct console_reader *rd = file->private_data;
	size_t n;
	char *buf;
	int err;

	count = min_t(size_t, count, PAGE_SIZE);
	if (!count)
		return 0;
	buf = kmalloc(count, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		spin_lock(&ring_lock);
		n = copy_new(rd, buf, count);
		spin_unlock(&ring_lock);
		if (n)
			break;
		if (file->f_flags & O_NONBLOCK) {
			kfree(buf);
			return -EAGAIN;
		}
		err = wait_event_interruptible(console_wait, has_new(rd));
		if (err) {
			kfree(buf);
			return err;
		}
	}
	if (copy_to_user(ubuf, buf, n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

__poll_t bh_console_poll(struct file *file, poll_table *wait)
{
	struct console_reader *rd = file->private_data;

	poll_wait(file, &console_wait, wait);
	return has_new(rd) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* The caller serialises against enable/disable. */
ssize_t bh_console_write(const char __user *ubuf, size_t count)
{
	struct bh_hvc_result res = { 0 };
	char buf[MAX_WRITE];
	size_t i;

	if (!bh_is_enabled())
		return -ENODEV;
	count = min_t(size_t, count, sizeof(buf));
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	/* One CPU for the whole chunk: the hypervisor buffers lines per CPU. */
	preempt_disable();
	for (i = 0; i < count && !res.code; i++)
		res = bh_hypercall(BULKHEAD_HC_DEBUG_CONSOLE_PUTC, buf[i], 0);
	preempt_enable();
	if (res.code)
		return res.code == -BULKHEAD_EPERM ? -EPERM : -EIO;
	return count;
}
