# The hardening flags Bulwark recommends to vendors, applied to Bulwark itself.
# bw_harden(<target>) adds them to one target with target_* commands only.

include(CheckCCompilerFlag)

set(BULWARK_HARDENING_COMPILE_FLAGS
  -fstack-protector-strong
  -fstack-clash-protection
  -fcf-protection=full
  -fno-strict-overflow
  -Wall -Wextra -Wformat=2 -Wformat-security -Wconversion -Wshadow
  -Wstrict-prototypes -Wimplicit-fallthrough
)
set(BULWARK_HARDENING_LINK_FLAGS
  -pie -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack
)

function(bw_harden target)
  get_target_property(_type ${target} TYPE)
  foreach(flag IN LISTS BULWARK_HARDENING_COMPILE_FLAGS)
    # -Wstrict-prototypes is C only; guard per language.
    if(flag STREQUAL "-Wstrict-prototypes")
      target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:C>:${flag}>)
    else()
      target_compile_options(${target} PRIVATE ${flag})
    endif()
  endforeach()
  # _FORTIFY_SOURCE needs optimisation; sanitizer builds run at -O1 and keep it.
  target_compile_options(${target} PRIVATE
    $<$<NOT:$<CONFIG:Debug>>:-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=3>)
  if(BULWARK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(_type STREQUAL "EXECUTABLE")
    target_link_options(${target} PRIVATE ${BULWARK_HARDENING_LINK_FLAGS})
  elseif(_type STREQUAL "SHARED_LIBRARY" OR _type STREQUAL "MODULE_LIBRARY")
    target_link_options(${target} PRIVATE -Wl,-z,relro -Wl,-z,now -Wl,-z,noexecstack)
  endif()
  # Sanitizers are for Bulwark's own host code.  A pass plugin is loaded into
  # an uninstrumented clang, and the hardening runtime is linked into other
  # people's programs, so those opt out (MODULE libraries automatically,
  # others with set_target_properties(<t> PROPERTIES BULWARK_NO_SANITIZE ON)
  # before calling bw_harden).
  get_target_property(_nosan ${target} BULWARK_NO_SANITIZE)
  if(BULWARK_SANITIZE AND NOT _type STREQUAL "MODULE_LIBRARY" AND NOT _nosan)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  # Coverage for libFuzzer follows the sanitizer decision: code that opts out
  # of sanitizers (the plugin, the runtime) opts out of this too.
  if(BULWARK_FUZZ AND BULWARK_SANITIZE AND NOT _type STREQUAL "MODULE_LIBRARY" AND NOT _nosan)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
