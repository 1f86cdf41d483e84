# Packaging test: builds the .deb with CPack, unpacks it into a scratch root and checks that every
# file is where the desktop expects it, that the runtime dependencies were computed, that
# desktop-file-validate and appstreamcli accept the desktop integration files, that the manual
# pages render without warnings, that bash completion completes commands, options and values,
# that the programs carry Debian's hardening, and that lintian reports no error or warning.
# Run: cmake -DBUILD_DIR=... -P packaging.cmake
set(scratch ${BUILD_DIR}/packaging-test)
file(REMOVE_RECURSE ${scratch})
file(MAKE_DIRECTORY ${scratch})

execute_process(COMMAND cpack -G DEB -B ${scratch}/out WORKING_DIRECTORY ${BUILD_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cpack failed (${rc}):\n${out}")
endif()
file(GLOB debs ${scratch}/out/*.deb)
list(LENGTH debs count)
if(NOT count EQUAL 1)
  message(FATAL_ERROR "expected one .deb in ${scratch}/out, found: ${debs}")
endif()

set(root ${scratch}/root)
execute_process(COMMAND dpkg-deb -x ${debs} ${root} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "dpkg-deb -x failed")
endif()

set(expected
  usr/bin/serverless-workbench
  usr/bin/swb
  usr/share/applications/serverless-workbench.desktop
  usr/share/metainfo/io.github.serverlessworkbench.Workbench.metainfo.xml
  usr/share/mime/packages/serverless-workbench.xml
  usr/share/icons/hicolor/scalable/apps/serverless-workbench.svg
  usr/share/icons/hicolor/48x48/apps/serverless-workbench.png
  usr/share/icons/hicolor/256x256/apps/serverless-workbench.png
  usr/share/man/man1/swb.1.gz
  usr/share/man/man1/swb-validate.1.gz
  usr/share/man/man1/swb-export-cost.1.gz
  usr/share/man/man1/serverless-workbench.1.gz
  usr/share/bash-completion/completions/swb
  usr/share/doc/serverless-workbench/copyright
  usr/share/doc/serverless-workbench/changelog.gz
  usr/share/doc/serverless-workbench/results-reference.md)
foreach(f ${expected})
  if(NOT EXISTS ${root}/${f})
    message(FATAL_ERROR "missing from the package: /${f}")
  endif()
endforeach()

execute_process(COMMAND dpkg-deb -f ${debs} Depends OUTPUT_VARIABLE depends)
foreach(dep libqt6core6 libqt6widgets6 libqt6sql6-sqlite libyaml-cpp0.7)
  if(NOT depends MATCHES "${dep}")
    message(FATAL_ERROR "Depends lacks ${dep}: ${depends}")
  endif()
endforeach()

execute_process(COMMAND desktop-file-validate
                        ${root}/usr/share/applications/serverless-workbench.desktop
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR out MATCHES "error")
  message(FATAL_ERROR "desktop-file-validate:\n${out}")
endif()
execute_process(COMMAND appstreamcli validate --no-net
                        ${root}/usr/share/metainfo/io.github.serverlessworkbench.Workbench.metainfo.xml
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "appstreamcli validate:\n${out}")
endif()
# The unpacked command line must run from the scratch root.
execute_process(COMMAND ${root}/usr/bin/swb --version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^swb ")
  message(FATAL_ERROR "unpacked swb --version failed: ${rc} ${out}")
endif()

# Manual pages: one per command, each renders without a warning from man/groff and documents
# every option of its --help.
file(GLOB pages ${root}/usr/share/man/man1/*.1.gz)
list(LENGTH pages page_count)
if(page_count LESS 16)
  message(FATAL_ERROR "expected swb, its 14 commands and the GUI as manual pages: ${pages}")
endif()
foreach(page ${pages})
  execute_process(COMMAND man --warnings -E UTF-8 -l ${page}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE text ERROR_VARIABLE warnings)
  if(NOT rc EQUAL 0 OR NOT warnings STREQUAL "")
    message(FATAL_ERROR "man -l ${page} (${rc}):\n${warnings}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E env MANWIDTH=200 man -l ${root}/usr/share/man/man1/swb-cost.1.gz OUTPUT_VARIABLE text)
foreach(option --format --no-free-tier --new-account --pricing --help)
  if(NOT text MATCHES "${option}")
    message(FATAL_ERROR "swb-cost(1) does not document ${option}:\n${text}")
  endif()
endforeach()

# The results reference, generated from the metric registry (swb metrics): a Markdown table
# with the series of each service and the ledger.
file(READ ${root}/usr/share/doc/serverless-workbench/results-reference.md reference)
foreach(series "ledger.produced" "lambda.concurrency" "sqs.visible" "sfn.executions")
  string(FIND "${reference}" "| ${series} |" at)
  if(at LESS 0)
    message(FATAL_ERROR "results-reference.md lacks ${series}:\n${reference}")
  endif()
endforeach()

# Bash completion: a command, an option, an option's values, an export kind.
function(complete expected)
  list(JOIN ARGN " " words)
  list(LENGTH ARGN n)
  math(EXPR cword "${n} - 1")
  execute_process(
    COMMAND bash -c "source '${root}/usr/share/bash-completion/completions/swb'; COMP_WORDS=(${words}); COMP_CWORD=${cword}; _swb 2>/dev/null; echo \"\${COMPREPLY[*]}\""
    OUTPUT_VARIABLE got OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT got STREQUAL expected)
    message(FATAL_ERROR "completing '${words}': got '${got}', expected '${expected}'")
  endif()
endfunction()
complete("validate" swb va)
complete("--format" swb cost --fo)
complete("table json csv markdown" swb cost -f "''")
complete("sarif" swb validate --format sa)
complete("cost" swb export co)
complete("--from-results" swb export cost --fr)

# Hardening as Debian expects (CMakeLists.txt, SWB_HARDENING), read from the packaged programs
# themselves: a position-independent executable, a read-only GOT after start-up (GNU_RELRO and
# BIND_NOW), the stack protector and fortified libc calls (__*_chk).
foreach(program swb serverless-workbench)
  set(elf ${root}/usr/bin/${program})
  execute_process(COMMAND readelf -hlW ${elf} OUTPUT_VARIABLE headers RESULT_VARIABLE rc)
  execute_process(COMMAND readelf -dW ${elf} OUTPUT_VARIABLE dynamic)
  execute_process(COMMAND readelf --dyn-syms -W ${elf} OUTPUT_VARIABLE symbols)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "readelf cannot read /usr/bin/${program}")
  endif()
  if(NOT headers MATCHES "Type:[ ]+DYN")
    message(FATAL_ERROR "/usr/bin/${program} is not a position-independent executable")
  endif()
  if(NOT headers MATCHES "GNU_RELRO")
    message(FATAL_ERROR "/usr/bin/${program} has no GNU_RELRO segment (-Wl,-z,relro)")
  endif()
  if(NOT dynamic MATCHES "BIND_NOW|Flags:[^\n]* NOW")
    message(FATAL_ERROR "/usr/bin/${program} is not linked with -Wl,-z,now (no BIND_NOW)")
  endif()
  if(NOT symbols MATCHES "__stack_chk_fail")
    message(FATAL_ERROR "/usr/bin/${program} has no stack protector (-fstack-protector-strong)")
  endif()
  # Fortified libc calls, lintian's rule (hardening-no-fortify-functions): a program that calls
  # a function _FORTIFY_SOURCE guards must call a checked variant (__X_chk). memcpy, memmove and
  # memset are left out, as lintian leaves them out (copies of a known size stay unchecked).
  string(REGEX MATCHALL
         "UND (sprintf|snprintf|vsprintf|vsnprintf|printf|fprintf|vprintf|vfprintf|dprintf|strcpy|stpcpy|strncpy|strcat|strncat|gets|fgets|fread|read|pread|readlink|realpath|getcwd|recv|recvfrom|wcscpy|mbstowcs|wcstombs|confstr)@"
         unprotected "${symbols}")
  if(symbols MATCHES "__[a-z0-9_]+_chk@")
    set(fortified TRUE)
  elseif(unprotected)
    string(REGEX REPLACE "UND ([a-z]+)@" "\\1" unprotected "${unprotected}")
    message(FATAL_ERROR "/usr/bin/${program} calls ${unprotected} without a fortified variant "
                        "(-D_FORTIFY_SOURCE=2)")
  endif()
endforeach()
if(NOT fortified)
  message(FATAL_ERROR "no packaged program calls a fortified libc function (-D_FORTIFY_SOURCE=2)")
endif()

# lintian: no error and no warning, and no hardening tag even at the info level (skipped only
# where lintian is not installed).
find_program(LINTIAN lintian)
if(LINTIAN)
  execute_process(COMMAND ${LINTIAN} --display-info --tag-display-limit 0 ${debs}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(out MATCHES "(^|\n)[EW]: " OR out MATCHES "(^|\n)[EWI]: [^\n]*hardening-")
    message(FATAL_ERROR "lintian:\n${out}${err}")
  endif()
  message(STATUS "lintian --display-info:\n${out}")
else()
  message(WARNING "lintian is not installed: the package was not linted (packaging/setup.sh "
                  "installs it)")
endif()
message(STATUS "packaging: ${debs} ok")
