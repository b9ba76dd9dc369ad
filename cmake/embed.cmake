# Turn a file into a C array: cmake -DIN=file -DOUT=file.c -DNAME=sym
#   -DHEADER=hdr.h -P embed.cmake
file(READ "${IN}" hex HEX)
string(LENGTH "${hex}" n)
math(EXPR len "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n\t" bytes "${bytes}")
file(WRITE "${OUT}" "/* Generated from ${IN}; do not edit. */\n"
  "#include \"${HEADER}\"\n\n"
  "const char ${NAME}[] = {\n\t${bytes}0x00\n};\n"
  "const size_t ${NAME}_len = ${len};\n")
