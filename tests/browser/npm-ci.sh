#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Install the browser tests' npm dependencies (playwright-core, pinned by
# package-lock.json) into the build tree, never the source tree. Skipped
# when the installed tree already matches the lock file.
set -eu
src=$1
dest=$2
mkdir -p "$dest"
if [ -f "$dest/node_modules/.package-lock.json" ] &&
   cmp -s "$src/package-lock.json" "$dest/package-lock.json"; then
	echo "npm-ci: $dest up to date"
	exit 0
fi
cp "$src/package.json" "$src/package-lock.json" "$dest/"
cd "$dest"
npm ci --no-audit --no-fund --ignore-scripts
