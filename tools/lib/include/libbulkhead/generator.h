/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The config generator: builds a root-cell system config from what a
 * machine tells about itself (/proc/iomem, /proc/cpuinfo, lspci output or
 * sysfs, the flattened device tree). docs/config-format.md ("Generator")
 * gives the rules it applies.
 *
 * Input errors (a line that does not parse) go to a struct bh_config_errors
 * with the input's name as document and the line number as pointer. What
 * the generator cannot determine, or what the user must change, becomes a
 * note: it is never guessed silently.
 */
#ifndef LIBBULKHEAD_GENERATOR_H
#define LIBBULKHEAD_GENERATOR_H

#include <stdbool.h>
#include <stddef.h>

#include <libbulkhead/config.h>

/* Something not determined, or a change the user has to make. */
struct bh_gen_note {
	char *what;		/* the config part concerned */
	char *why;		/* why it is missing or questionable */
	char *fix;		/* what to change; NULL when nothing to do */
};

struct bh_gen_notes {
	struct bh_gen_note *list;
	size_t count, capacity;
};

void bh_gen_note_add(struct bh_gen_notes *notes, const char *what,
		     const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void bh_gen_notes_free(struct bh_gen_notes *notes);
json_t *bh_gen_notes_to_json(const struct bh_gen_notes *notes);

/* /proc/iomem: one entry per line, depth = indentation level. */
struct bh_iomem_entry {
	__u64 start, end;	/* inclusive, as printed */
	unsigned int depth;
	char *name;
};

struct bh_iomem {
	struct bh_iomem_entry *list;
	size_t count, capacity;
};

int bh_iomem_parse(const char *text, struct bh_iomem *out,
		   struct bh_config_errors *errs);
void bh_iomem_free(struct bh_iomem *iomem);

/* /proc/cpuinfo. arch is 0 when the text does not say. */
struct bh_cpuinfo {
	unsigned int num_cpus;
	__u32 arch;
};

int bh_cpuinfo_parse(const char *text, struct bh_cpuinfo *out,
		     struct bh_config_errors *errs);

/* PCI functions, from lspci text or sysfs. */
struct bh_pci_bar {
	__u64 address, size;	/* size 0 = not shown */
	bool present, io;
};

struct bh_pci_func {
	__u16 domain, bdf;
	__u32 class_code;	/* base class << 8 | subclass */
	__u16 vendor, device;
	bool have_class, have_ids;
	struct bh_pci_bar bars[BULKHEAD_PCI_NUM_BARS];
};

struct bh_pci_list {
	struct bh_pci_func *list;
	size_t count, capacity;
};

/* Any of lspci's -nn, -vvvnn, -vmmnn[k], -xxx output (also mixed). */
int bh_lspci_parse(const char *text, struct bh_pci_list *out,
		   struct bh_config_errors *errs);
/* A /sys/bus/pci/devices style directory (vendor, device, class,
 * resource of each function). A missing directory is no PCI, not an
 * error. */
int bh_sysfs_pci_read(const char *dir, struct bh_pci_list *out,
		      struct bh_config_errors *errs);
void bh_pci_list_free(struct bh_pci_list *pci);

/* What the device tree says that a config needs. */
#define BH_FDT_MAX_RANGES	64

struct bh_range {
	__u64 start, size;
	const char *what;	/* static description or node name */
};

struct bh_fdt_info {
	unsigned int num_cpus;
	struct bulkhead_arm64_platform gic;	/* gic_version 0 = none */
	bool have_maintenance_irq;
	struct bulkhead_console uart;		/* type NONE = none found */
	unsigned int uart_irq;			/* INTID, 0 = unknown */
	unsigned int timer_irqs[4];		/* INTIDs, 0 = unknown */
	unsigned int max_spi;			/* highest SPI INTID seen */
	bool have_pci;
	__u64 ecam_base, ecam_size;
	__u16 pci_domain;
	__u8 start_bus, end_bus;
	struct bh_range memory[BH_FDT_MAX_RANGES];
	size_t num_memory;
	struct bh_range devices[BH_FDT_MAX_RANGES * 2];
	size_t num_devices;
	char names[BH_FDT_MAX_RANGES * 2][48];	/* backing of devices' what */
};

int bh_fdt_parse(const void *blob, size_t size, struct bh_fdt_info *out,
		 struct bh_gen_notes *notes, struct bh_config_errors *errs);

/* Everything the generator may get. NULL / 0 = not available. */
struct bh_gen_input {
	const char *iomem;
	const char *cpuinfo;
	const char *lspci;		/* preferred over sysfs_pci */
	const char *sysfs_pci;		/* directory */
	const void *fdt;
	size_t fdt_size;
	/* Names for messages (file names), default the kind of input. */
	const char *iomem_name, *cpuinfo_name, *lspci_name, *fdt_name;
	bool have_hypervisor;		/* --hypervisor given */
	__u64 hv_start, hv_size;
	const char *name;		/* root cell name, default "root" */
};

struct bh_gen_result {
	bool complete;			/* cfg is a valid system config */
	struct bh_config cfg;
	struct bh_gen_notes notes;
	json_t *found;			/* summary of the inputs */
};

/* Bytes of hypervisor memory proposed when none is given. */
#define BH_GEN_HV_SIZE		(16ULL << 20)

/*
 * Builds the config. Returns 0 when the inputs parsed (res->complete says
 * whether the config is usable; the notes say what is missing), -EINVAL
 * with errs filled on bad input, -ENOMEM.
 */
int bh_generate(const struct bh_gen_input *in, struct bh_gen_result *res,
		struct bh_config_errors *errs);
void bh_gen_result_free(struct bh_gen_result *res);

/* {"complete", "config" (or null), "notes", "found"} */
json_t *bh_gen_report_json(const struct bh_gen_result *res);

/*
 * Reads the live system's inputs (/proc/iomem, /proc/cpuinfo,
 * /sys/firmware/fdt, /sys/bus/pci/devices) for those members of in that
 * are still unset; the buffers belong to *bufs. Unreadable files leave
 * their member unset (the generator then notes what it lacks).
 */
struct bh_gen_buffers {
	char *iomem, *cpuinfo, *lspci;
	void *fdt;
};

void bh_gen_input_live(struct bh_gen_input *in, struct bh_gen_buffers *bufs);
void bh_gen_buffers_free(struct bh_gen_buffers *bufs);

#endif
