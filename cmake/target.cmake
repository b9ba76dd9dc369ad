# The arm64 side of the one build: inner cross build, guest packages,
# kernel module and appliance image. Each step is named so that a failure
# says which one broke.
include(ExternalProject)

set(BULKHEAD_ARM64_DIR ${CMAKE_BINARY_DIR}/arm64)
set(BULKHEAD_GUEST_DIR ${CMAKE_BINARY_DIR}/guest)
set(BULKHEAD_DRIVER_DIR ${CMAKE_BINARY_DIR}/driver)
set(BULKHEAD_APPLIANCE_DIR ${CMAKE_BINARY_DIR}/appliance)

ExternalProject_Add(arm64
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${BULKHEAD_ARM64_DIR}
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/aarch64-linux-gnu.cmake
    -DBULKHEAD_TARGET_BUILD=ON
    -DBULKHEAD_WERROR=${BULKHEAD_WERROR}
    -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  USES_TERMINAL_BUILD ON)

# Debian's arm64 kernel, headers, modules and busybox, downloaded once into
# the build tree.
add_custom_command(
  OUTPUT ${BULKHEAD_GUEST_DIR}/complete
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/fetch-guest.sh ${BULKHEAD_GUEST_DIR}
  COMMENT "[guest packages] fetching Debian's arm64 kernel and busybox"
  USES_TERMINAL)
add_custom_target(guest-packages DEPENDS ${BULKHEAD_GUEST_DIR}/complete)

# bulkhead.ko: Kbuild wants the sources beside the objects, so the driver is
# mirrored into the build tree and built there.
file(GLOB BULKHEAD_DRIVER_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/driver/*.c ${CMAKE_SOURCE_DIR}/driver/*.h
  ${CMAKE_SOURCE_DIR}/driver/Kbuild ${CMAKE_SOURCE_DIR}/include/bulkhead/*.h)
add_custom_command(
  OUTPUT ${BULKHEAD_DRIVER_DIR}/bulkhead.ko
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/build-driver.sh
          ${CMAKE_SOURCE_DIR} ${BULKHEAD_GUEST_DIR}/headers
          ${BULKHEAD_DRIVER_DIR}
  DEPENDS ${BULKHEAD_DRIVER_SOURCES} ${BULKHEAD_GUEST_DIR}/complete
          ${CMAKE_SOURCE_DIR}/packaging/build-driver.sh
  COMMENT "[driver] building bulkhead.ko against Debian's arm64 headers"
  USES_TERMINAL)
add_custom_target(driver ALL DEPENDS ${BULKHEAD_DRIVER_DIR}/bulkhead.ko)

# The appliance: initramfs + kernel for the QEMU reference machine.
file(GLOB_RECURSE BULKHEAD_APPLIANCE_INPUTS CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/packaging/appliance/*
  ${CMAKE_SOURCE_DIR}/configs/*.json ${CMAKE_SOURCE_DIR}/webui/*)
add_custom_target(appliance ALL
  COMMAND ${CMAKE_SOURCE_DIR}/packaging/mkappliance.sh
          --source ${CMAKE_SOURCE_DIR}
          --guest ${BULKHEAD_GUEST_DIR}
          --arm64 ${BULKHEAD_ARM64_DIR}
          --driver ${BULKHEAD_DRIVER_DIR}
          --configs ${CMAKE_BINARY_DIR}/configs
          --out ${BULKHEAD_APPLIANCE_DIR}
  DEPENDS arm64 driver configs ${BULKHEAD_APPLIANCE_INPUTS}
          ${CMAKE_SOURCE_DIR}/packaging/mkappliance.sh
  COMMENT "[appliance] packing the QEMU appliance initramfs"
  USES_TERMINAL)
