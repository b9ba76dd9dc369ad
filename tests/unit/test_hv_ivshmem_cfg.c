// SPDX-License-Identifier: GPL-2.0
/*
 * The config space of an ivshmem endpoint (hypervisor/ivshmem_cfg.c),
 * compiled for the host: what a guest's PCI enumeration reads and which
 * of its writes stick.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <hv/ivshmem.h>

static struct ivshmem_endpoint endpoint(void)
{
	struct ivshmem_endpoint ep;

	memset(&ep, 0, sizeof(ep));
	ep.id = 1;
	ep.peers = 2;
	ep.protocol = 0x0001;
	ep.irq = 144;
	ep.shmem_base = 0x7ef00000;
	ep.state_size = 0x1000;
	ep.rw_size = 0x7f000;
	ep.out_size = 0x40000;
	ep.bar0 = 0x0e100000;
	return ep;
}

static void test_identity(void **state)
{
	struct ivshmem_endpoint ep = endpoint();

	(void)state;
	assert_int_equal(ivshmem_cfg_read(&ep, 0), 0x4106110a);
	/* Status: capability list; command starts at 0 (decode off). */
	assert_int_equal(ivshmem_cfg_read(&ep, 1), 0x00100000);
	/* Class ff, subclass:prog-if = protocol, revision 2. */
	assert_int_equal(ivshmem_cfg_read(&ep, 2), 0xff000102);
	assert_int_equal(ivshmem_cfg_read(&ep, 3), 0);	/* type 0 header */
	assert_int_equal(ivshmem_cfg_read(&ep, 0x34 / 4), 0x40);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x3c / 4), 0x100);  /* INTA */
	ep.irq = 0;
	assert_int_equal(ivshmem_cfg_read(&ep, 0x3c / 4), 0);	/* no pin */
}

static void test_capability(void **state)
{
	struct ivshmem_endpoint ep = endpoint();

	(void)state;
	ep.rw_size = 0x100000000ULL | 0x7f000;
	assert_int_equal(ivshmem_cfg_read(&ep, 0x40 / 4), 0x00200009);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x44 / 4), 0x1000);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x48 / 4), 0x7f000);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x4c / 4), 1);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x50 / 4), 0x40000);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x54 / 4), 0);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x58 / 4), 0x7ef00000);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x5c / 4), 0);
	/* Nothing after it, no other BARs, no expansion ROM. */
	assert_int_equal(ivshmem_cfg_read(&ep, 0x60 / 4), 0);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x14 / 4), 0);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x30 / 4), 0);
}

static void test_read_only_ignores_writes(void **state)
{
	struct ivshmem_endpoint ep = endpoint();
	unsigned int reg;

	(void)state;
	for (reg = 0; reg < 0x1000 / 4; reg++)
		if (reg != 1 && reg != 4 && reg != 0x3c / 4)
			ivshmem_cfg_write(&ep, reg, 0xffffffff, 0xffffffff);
	assert_int_equal(ivshmem_cfg_read(&ep, 0), 0x4106110a);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x44 / 4), 0x1000);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x58 / 4), 0x7ef00000);
	assert_int_equal(ep.state, 0);
	assert_int_equal(ep.int_ctrl, 0);
}

static void test_command(void **state)
{
	struct ivshmem_endpoint ep = endpoint();

	(void)state;
	/* Only memory, master and INTx disable stick; status stays. */
	ivshmem_cfg_write(&ep, 1, 0xffffffff, 0xffffffff);
	assert_int_equal(ivshmem_cfg_read(&ep, 1), 0x00100406);
	/* A byte write to the upper command byte leaves the lower. */
	ivshmem_cfg_write(&ep, 1, 0, 0xff00);
	assert_int_equal(ep.command, 0x0006);
}

static void test_bar_sizing_and_decode(void **state)
{
	struct ivshmem_endpoint ep = endpoint();
	uint64_t off = 0;

	(void)state;
	/* Sizing: all ones reads back the 4 KiB mask. */
	ivshmem_cfg_write(&ep, 4, 0xffffffff, 0xffffffff);
	assert_int_equal(ivshmem_cfg_read(&ep, 4), 0xfffff000);
	ivshmem_cfg_write(&ep, 4, 0x0e101234, 0xffffffff);
	assert_int_equal(ivshmem_cfg_read(&ep, 4), 0x0e101000);
	/* No decode until memory space is enabled. */
	assert_false(ivshmem_bar0_hit(&ep, 0x0e101010, &off));
	ivshmem_cfg_write(&ep, 1, 0x2, 0xffff);
	assert_true(ivshmem_bar0_hit(&ep, 0x0e101010, &off));
	assert_int_equal(off, 0x10);
	assert_true(ivshmem_bar0_hit(&ep, 0x0e101ffc, &off));
	assert_false(ivshmem_bar0_hit(&ep, 0x0e102000, &off));
	assert_false(ivshmem_bar0_hit(&ep, 0x0e100ffc, &off));
	/* The interrupt line byte is the guest's scratch register. */
	ivshmem_cfg_write(&ep, 0x3c / 4, 0xffff0055, 0xffffffff);
	assert_int_equal(ivshmem_cfg_read(&ep, 0x3c / 4), 0x155);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identity),
		cmocka_unit_test(test_capability),
		cmocka_unit_test(test_read_only_ignores_writes),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_bar_sizing_and_decode),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
