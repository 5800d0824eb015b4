# Finds every external dependency once, with explicit version checks.
# LLVM is found without a version argument (its version file wants an exact
# major.minor) and the major is checked explicitly below.
# Imported targets made here:
#   Bulwark::sqlite3  Bulwark::jansson  Bulwark::yaml  Bulwark::cmocka (tests)
#   Bulwark::libclang (checkers)  — plus LLVM_* variables for passes/.

set(BULWARK_LLVM_MAJOR 19 CACHE STRING "LLVM/Clang major version to build against (19 default; 14 supported for passes/)")

find_package(PkgConfig REQUIRED)
find_package(SQLite3 3.31 REQUIRED)
add_library(Bulwark::sqlite3 ALIAS SQLite::SQLite3)

pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson>=2.13)
add_library(Bulwark::jansson ALIAS PkgConfig::JANSSON)
pkg_check_modules(LIBYAML REQUIRED IMPORTED_TARGET yaml-0.1>=0.2)
add_library(Bulwark::yaml ALIAS PkgConfig::LIBYAML)
if(BULWARK_BUILD_TESTS)
  pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka>=1.1)
  add_library(Bulwark::cmocka ALIAS PkgConfig::CMOCKA)
endif()

find_package(LLVM CONFIG
  PATHS /usr/lib/llvm-${BULWARK_LLVM_MAJOR}/lib/cmake/llvm
  NO_DEFAULT_PATH)
if(NOT LLVM_FOUND)
  message(FATAL_ERROR "Bulwark: LLVM ${BULWARK_LLVM_MAJOR} not found. "
    "Install llvm-${BULWARK_LLVM_MAJOR}-dev (scripts/setup.sh does) or set BULWARK_LLVM_MAJOR.")
endif()
if(NOT LLVM_VERSION_MAJOR EQUAL BULWARK_LLVM_MAJOR)
  message(FATAL_ERROR "Bulwark: asked for LLVM ${BULWARK_LLVM_MAJOR}, found ${LLVM_PACKAGE_VERSION}")
endif()
message(STATUS "Bulwark: LLVM ${LLVM_PACKAGE_VERSION} from ${LLVM_DIR}")

if(NOT BULWARK_HARDENING_ONLY)
find_library(BULWARK_LIBCLANG NAMES clang libclang
  PATHS ${LLVM_LIBRARY_DIR} NO_DEFAULT_PATH REQUIRED)
find_path(BULWARK_LIBCLANG_INCLUDE clang-c/Index.h
  PATHS ${LLVM_INCLUDE_DIR} NO_DEFAULT_PATH REQUIRED)
add_library(Bulwark::libclang UNKNOWN IMPORTED)
set_target_properties(Bulwark::libclang PROPERTIES
  IMPORTED_LOCATION "${BULWARK_LIBCLANG}"
  INTERFACE_INCLUDE_DIRECTORIES "${BULWARK_LIBCLANG_INCLUDE}")
message(STATUS "Bulwark: libclang ${BULWARK_LIBCLANG}")
endif()

# The clang that matches the LLVM we build the plugin against; tests compile with it.
find_program(BULWARK_CLANG NAMES clang-${BULWARK_LLVM_MAJOR} clang
  PATHS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH REQUIRED)
find_program(BULWARK_CLANGXX NAMES clang++-${BULWARK_LLVM_MAJOR} clang++
  PATHS ${LLVM_TOOLS_BINARY_DIR} NO_DEFAULT_PATH REQUIRED)

# Where that clang keeps its own headers (stdarg.h, stddef.h).  libclang
# works the directory out from where it is installed, and Debian's answers
# a relative "lib/clang/N", which clang then looks up from the TU's working
# directory: `bulwark check -p` from / or /usr found no stdarg.h.  The
# checkers pass this one explicitly (checkers/src/extract.c).
execute_process(COMMAND ${BULWARK_CLANG} -print-resource-dir
  OUTPUT_VARIABLE BULWARK_CLANG_RESOURCE_DIR OUTPUT_STRIP_TRAILING_WHITESPACE
  RESULT_VARIABLE _bw_rd_status ERROR_QUIET)
if(NOT _bw_rd_status EQUAL 0 OR NOT IS_ABSOLUTE "${BULWARK_CLANG_RESOURCE_DIR}")
  set(BULWARK_CLANG_RESOURCE_DIR "")
endif()
message(STATUS "Bulwark: clang resource directory ${BULWARK_CLANG_RESOURCE_DIR}")
