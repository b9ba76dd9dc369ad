# Every C target of ours is built with these; a warning is a build failure.
option(BULKHEAD_WERROR "Treat warnings as errors" ON)

set(BULKHEAD_WARNINGS -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes
    -Wmissing-prototypes -Wno-unused-parameter)
if(BULKHEAD_WERROR)
  list(APPEND BULKHEAD_WARNINGS -Werror)
endif()
add_compile_options(${BULKHEAD_WARNINGS})
