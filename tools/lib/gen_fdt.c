// SPDX-License-Identifier: GPL-2.0
/*
 * The flattened device tree (a .dtb or /sys/firmware/fdt): CPUs, memory,
 * the GIC (version, bases, maintenance interrupt), the PL011 console, the
 * architected timer, the generic ECAM PCI host and the MMIO of every
 * device node directly below the root. On arm64 the DT is the authority on
 * what MMIO exists; /proc/iomem only shows what drivers have claimed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libfdt.h>

#include <libbulkhead/generator.h>

#define GIC_SPI		0	/* first cell of a GIC interrupt specifier */
#define GIC_PPI		1
#define GIC_MAX_SPI	987	/* INTID 1019, the last the GIC architecture has */

static __u64 cells(const fdt32_t *p, int n)
{
	__u64 v = 0;

	while (n-- > 0)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

/* Entry idx of node's reg, in the parent's address and size cells. */
static bool reg_entry(const void *fdt, int node, int idx, __u64 *addr,
		      __u64 *size)
{
	int parent = fdt_parent_offset(fdt, node), len;
	int ac = fdt_address_cells(fdt, parent), sc = fdt_size_cells(fdt,
								    parent);
	const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

	if (!reg || ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
	    len < (idx + 1) * (ac + sc) * 4)
		return false;
	reg += idx * (ac + sc);
	*addr = cells(reg, ac);
	*size = cells(reg + ac, sc);
	return true;
}

static bool node_enabled(const void *fdt, int node)
{
	const char *s = fdt_getprop(fdt, node, "status", NULL);

	return !s || !strcmp(s, "okay") || !strcmp(s, "ok");
}

/* INTID of entry idx of "interrupts" (3-cell GIC specifiers), 0 = none. */
static unsigned int intid(const void *fdt, int node, int idx)
{
	const fdt32_t *p;
	int len;

	p = fdt_getprop(fdt, node, "interrupts", &len);
	if (!p || len % 12 || len < (idx + 1) * 12)
		return 0;
	p += idx * 3;
	if (fdt32_to_cpu(p[0]) == GIC_SPI && fdt32_to_cpu(p[1]) <= GIC_MAX_SPI)
		return fdt32_to_cpu(p[1]) + 32;
	if (fdt32_to_cpu(p[0]) == GIC_PPI && fdt32_to_cpu(p[1]) < 16)
		return fdt32_to_cpu(p[1]) + 16;
	return 0;	/* not a GIC SPI/PPI specifier, or out of range */
}

static void parse_cpus(const void *fdt, struct bh_fdt_info *out)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node;
	const char *type;

	if (cpus < 0)
		return;
	fdt_for_each_subnode(node, fdt, cpus) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (type && !strcmp(type, "cpu") && node_enabled(fdt, node))
			out->num_cpus++;
	}
}

static void parse_memory(const void *fdt, struct bh_fdt_info *out)
{
	int node = -1, i;
	__u64 a, s;

	while ((node = fdt_node_offset_by_prop_value(fdt, node,
			"device_type", "memory", sizeof("memory"))) >= 0) {
		for (i = 0; reg_entry(fdt, node, i, &a, &s); i++) {
			if (!s || out->num_memory == BH_FDT_MAX_RANGES)
				continue;
			out->memory[out->num_memory++] = (struct bh_range){
				a, s, "memory" };
		}
	}
}

static int find_gic(const void *fdt, struct bh_fdt_info *out)
{
	static const char *const v2[] = {
		"arm,cortex-a15-gic", "arm,gic-400", "arm,cortex-a9-gic",
		"arm,cortex-a7-gic", NULL,
	};
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3"), i;

	if (node >= 0) {
		out->gic.gic_version = BULKHEAD_GIC_V3;
		return node;
	}
	for (i = 0; v2[i]; i++) {
		node = fdt_node_offset_by_compatible(fdt, -1, v2[i]);
		if (node >= 0) {
			out->gic.gic_version = BULKHEAD_GIC_V2;
			return node;
		}
	}
	return -1;
}

static void parse_gic(const void *fdt, int node, struct bh_fdt_info *out,
		      struct bh_gen_notes *notes)
{
	struct bulkhead_arm64_platform *g = &out->gic;
	const fdt32_t *stride;
	unsigned int mnt = intid(fdt, node, 0);
	__u64 s;
	bool ok;

	if (mnt >= 16 && mnt < 32) {
		g->maintenance_irq = mnt;
		out->have_maintenance_irq = true;
	} else {
		bh_gen_note_add(notes, "platform.arm64.maintenance_irq",
			"give the GIC node an \"interrupts\" property with "
			"its maintenance PPI (QEMU: -machine "
			"virt,virtualization=on)",
			"the GIC node has no maintenance interrupt (a PPI) "
			"in \"interrupts\": the GIC lacks the virtualization "
			"extensions or the DT does not say");
	}
	if (g->gic_version == BULKHEAD_GIC_V3) {
		ok = reg_entry(fdt, node, 0, &g->gicd_base, &s) &&
		     reg_entry(fdt, node, 1, &g->gicr_base, &s);
		/* Without the property the stride is GICv3's 2 x 64K frames. */
		stride = fdt_getprop(fdt, node, "redistributor-stride", NULL);
		g->gicr_stride = stride ? fdt32_to_cpu(*stride) : 0x20000;
	} else {
		ok = reg_entry(fdt, node, 0, &g->gicd_base, &s) &&
		     reg_entry(fdt, node, 1, &g->gicc_base, &s) &&
		     reg_entry(fdt, node, 2, &g->gich_base, &s) &&
		     reg_entry(fdt, node, 3, &g->gicv_base, &s);
	}
	if (!ok)
		bh_gen_note_add(notes, "platform.arm64", g->gic_version == 3 ?
			"the GIC node needs reg = <GICD>, <GICR>" :
			"the GIC node needs reg = <GICD>, <GICC>, <GICH>, "
			"<GICV> (QEMU: -machine virt,virtualization=on)",
			"the GICv%u node's \"reg\" lacks %s", g->gic_version,
			g->gic_version == 3 ? "the distributor or the "
			"redistributor region" : "a region: GICv2 needs "
			"distributor, CPU, virtual control and virtual CPU "
			"interfaces");
}

static void parse_timer(const void *fdt, struct bh_fdt_info *out)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, "arm,armv8-timer");
	int i;

	for (i = 0; node >= 0 && i < 4; i++)
		out->timer_irqs[i] = intid(fdt, node, i);
}

static int stdout_node(const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len;
	const char *path;
	const char *colon;

	if (chosen < 0)
		return -1;
	path = fdt_getprop(fdt, chosen, "stdout-path", &len);
	if (!path)
		return -1;
	colon = strchr(path, ':');
	return fdt_path_offset_namelen(fdt, path,
				       colon ? colon - path : len - 1);
}

static void parse_uart(const void *fdt, struct bh_fdt_info *out,
		       struct bh_gen_notes *notes)
{
	int node = stdout_node(fdt);
	__u64 a, s;

	if (node < 0 || fdt_node_check_compatible(fdt, node, "arm,pl011")) {
		node = fdt_node_offset_by_compatible(fdt, -1, "arm,pl011");
		if (node >= 0)
			bh_gen_note_add(notes, "debug_console", "set "
				"/chosen/stdout-path to the UART meant for "
				"the console",
				"/chosen/stdout-path names no PL011; using "
				"the first PL011 node, %s",
				fdt_get_name(fdt, node, NULL));
	}
	if (node < 0 || !reg_entry(fdt, node, 0, &a, &s)) {
		bh_gen_note_add(notes, "debug_console", "add the console UART "
			"to the config by hand (only PL011 is supported)",
			"no PL011 UART with \"reg\" in the device tree");
		return;
	}
	out->uart.address = a;
	out->uart.size = (s + BULKHEAD_CONFIG_PAGE_SIZE - 1) &
			 ~(BULKHEAD_CONFIG_PAGE_SIZE - 1);
	out->uart.type = BULKHEAD_CON_TYPE_PL011;
	out->uart.flags = BULKHEAD_CON_ACCESS_MMIO | BULKHEAD_CON_REGDIST_4;
	out->uart_irq = intid(fdt, node, 0);
}

static void add_device(struct bh_fdt_info *out, __u64 a, __u64 s,
		       const char *name, struct bh_gen_notes *notes)
{
	size_t n = out->num_devices;

	if (!s)
		return;
	if (n == sizeof(out->devices) / sizeof(out->devices[0])) {
		bh_gen_note_add(notes, "root_cell.memory_regions", "add it by "
			"hand", "too many device regions in the DT; %s "
			"(0x%llx+0x%llx) left out", name,
			(unsigned long long)a, (unsigned long long)s);
		return;
	}
	snprintf(out->names[n], sizeof(out->names[n]), "%s", name);
	out->devices[n] = (struct bh_range){ a, s, out->names[n] };
	out->num_devices++;
}

/* The generic ECAM host: its config window and its MMIO/PIO windows. */
static void parse_pci(const void *fdt, struct bh_fdt_info *out,
		      struct bh_gen_notes *notes)
{
	int node = fdt_node_offset_by_compatible(fdt, -1,
						 "pci-host-ecam-generic");
	int ac, sc, pac, len, stride, i;
	const fdt32_t *p;
	static const char *const space[] = {
		"pci-config", "pci-io", "pci-mem32", "pci-mem64" };

	if (node < 0 || !node_enabled(fdt, node))
		return;
	if (!reg_entry(fdt, node, 0, &out->ecam_base, &out->ecam_size))
		return;
	out->have_pci = true;
	out->end_bus = (out->ecam_size >> 20) - 1;
	p = fdt_getprop(fdt, node, "bus-range", &len);
	if (p && len == 8) {
		out->start_bus = fdt32_to_cpu(p[0]);
		out->end_bus = fdt32_to_cpu(p[1]);
	}
	p = fdt_getprop(fdt, node, "linux,pci-domain", &len);
	if (p && len == 4)
		out->pci_domain = fdt32_to_cpu(*p);
	ac = fdt_address_cells(fdt, node);
	sc = fdt_size_cells(fdt, node);
	pac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
	p = fdt_getprop(fdt, node, "ranges", &len);
	stride = ac + pac + sc;
	if (ac != 3 || pac < 1 || pac > 2 || sc < 1 || sc > 2 || !p) {
		bh_gen_note_add(notes, "root_cell.memory_regions", "add the "
			"PCI host's MMIO and I/O windows by hand",
			"the PCI host node %s has no usable \"ranges\"",
			fdt_get_name(fdt, node, NULL));
		return;
	}
	for (i = 0; (i + 1) * stride * 4 <= len; i++) {
		const fdt32_t *r = p + i * stride;
		unsigned int code = fdt32_to_cpu(r[0]) >> 24 & 3;

		add_device(out, cells(r + ac, pac), cells(r + ac + pac, sc),
			   space[code], notes);
	}
}

/*
 * Subnodes of the GIC: a GICv2m MSI frame is plain MMIO Linux uses for
 * PCI MSIs (the root cell gets it); an ITS needs emulation the hypervisor
 * does not offer.
 */
static void parse_gic_frames(const void *fdt, int gic, struct bh_fdt_info *out,
			     struct bh_gen_notes *notes)
{
	int node, i;
	__u64 a, s;

	fdt_for_each_subnode(node, fdt, gic) {
		if (!node_enabled(fdt, node))
			continue;
		if (!fdt_node_check_compatible(fdt, node, "arm,gic-v2m-frame"))
			for (i = 0; reg_entry(fdt, node, i, &a, &s); i++)
				add_device(out, a, s, fdt_get_name(fdt, node,
								   NULL),
					   notes);
		if (!fdt_node_check_compatible(fdt, node, "arm,gic-v3-its"))
			bh_gen_note_add(notes, "platform.arm64", "disable the "
				"ITS (QEMU: -machine virt,its=off) so Linux "
				"uses legacy interrupts",
				"the GICv3 has an ITS (%s); the hypervisor "
				"does not emulate it and the root cell does "
				"not get it", fdt_get_name(fdt, node, NULL));
	}
}

static bool is_under(const void *fdt, int node, int ancestor)
{
	for (; node >= 0; node = fdt_parent_offset(fdt, node))
		if (node == ancestor)
			return true;
	return false;
}

/* MMIO of the device nodes below the root, except what is handled apart. */
static void parse_devices(const void *fdt, int gic, struct bh_fdt_info *out,
			  struct bh_gen_notes *notes)
{
	int node, i, len;
	const char *type;
	__u64 a, s;

	fdt_for_each_subnode(node, fdt, 0) {
		type = fdt_getprop(fdt, node, "device_type", NULL);
		if (!node_enabled(fdt, node) || node == gic ||
		    (type && (!strcmp(type, "memory") ||
			      !strcmp(type, "pci"))))
			continue;
		if (!fdt_node_check_compatible(fdt, node, "simple-bus") &&
		    fdt_first_subnode(fdt, node) >= 0)
			bh_gen_note_add(notes, "root_cell.memory_regions",
				"add the bus's devices by hand",
				"devices below the bus %s are not read "
				"(address translation through its ranges)",
				fdt_get_name(fdt, node, NULL));
		for (i = 0; reg_entry(fdt, node, i, &a, &s); i++)
			add_device(out, a, s, fdt_get_name(fdt, node, NULL),
				   notes);
	}
	/* The highest SPI any enabled node uses, for the irqchip. */
	for (node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		if (is_under(fdt, node, gic) ||
		    !fdt_getprop(fdt, node, "interrupts", &len))
			continue;
		for (i = 0; i < len / 12; i++) {
			unsigned int id = intid(fdt, node, i);

			if (!id && len % 12 == 0)
				bh_gen_note_add(notes, "root_cell.irqchips",
					"fix the node's interrupts property",
					"%s: interrupt %d is no GIC SPI or "
					"PPI in range; ignored",
					fdt_get_name(fdt, node, NULL), i);
			if (id >= 32 && id > out->max_spi)
				out->max_spi = id;
		}
	}
}

int bh_fdt_parse(const void *blob, size_t size, struct bh_fdt_info *out,
		 struct bh_gen_notes *notes, struct bh_config_errors *errs)
{
	int err, gic;

	memset(out, 0, sizeof(*out));
	if (size < FDT_V1_SIZE) {
		bh_config_error_add(errs, "", "fdt", "%zu bytes: too short "
				    "for a flattened device tree", size);
		return -EINVAL;
	}
	err = fdt_check_header(blob);
	if (!err && fdt_totalsize(blob) > size)
		err = -FDT_ERR_TRUNCATED;
	if (err) {
		bh_config_error_add(errs, "", "fdt", "not a usable .dtb: %s%s",
				    fdt_strerror(err), err == -FDT_ERR_BADMAGIC ?
				    " (a .dts must be compiled first: dtc -I "
				    "dts -O dtb)" : "");
		return -EINVAL;
	}
	parse_cpus(blob, out);
	parse_memory(blob, out);
	gic = find_gic(blob, out);
	if (gic >= 0)
		parse_gic(blob, gic, out, notes);
	parse_timer(blob, out);
	parse_uart(blob, out, notes);
	parse_pci(blob, out, notes);
	if (gic >= 0)
		parse_gic_frames(blob, gic, out, notes);
	parse_devices(blob, gic, out, notes);
	return 0;
}
