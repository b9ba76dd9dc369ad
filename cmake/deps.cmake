# Userspace libraries, found the same way for the host and the arm64 build
# (the toolchain file points the search at the arm64 multiarch directories).
function(bulkhead_find_lib var header)
  find_path(${var}_INCLUDE_DIR ${header} REQUIRED)
  find_library(${var}_LIBRARY NAMES ${ARGN} REQUIRED)
  add_library(${var} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(${var} PROPERTIES
    IMPORTED_LOCATION "${${var}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${var}_INCLUDE_DIR}")
endfunction()

bulkhead_find_lib(dep_jansson jansson.h jansson)
bulkhead_find_lib(dep_sqlite sqlite3.h sqlite3)
bulkhead_find_lib(dep_mhd microhttpd.h microhttpd)
# libfdt1:arm64 ships no unversioned .so (libfdt-dev is not co-installable).
bulkhead_find_lib(dep_fdt libfdt.h fdt libfdt.so.1)
# webd: SHA-256 for token hashes and ETags (and libmicrohttpd's TLS).
bulkhead_find_lib(dep_gnutls gnutls/gnutls.h gnutls)
