# Build-time generation of what the package ships beside the binaries, all from the programs'
# own help text so the pages cannot drift from the options:
#   man/swb.1.gz, man/swb-COMMAND.1.gz (help2man over `swb COMMAND --help`),
#   man/serverless-workbench.1.gz (help2man over the GUI's --help),
#   completion/swb (`swb completion bash`), doc/changelog.gz.
# Run: cmake -DSWB=... -DGUI=... -DHELP2MAN=... -DVERSION=... -DOUT=... -DCHANGELOG=... -P docs.cmake
file(REMOVE_RECURSE ${OUT}/man ${OUT}/completion ${OUT}/doc)
file(MAKE_DIRECTORY ${OUT}/man ${OUT}/completion ${OUT}/doc)

function(run_checked)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

# The commands and their summaries, read from `swb --help`'s "Commands:" section.
run_checked(${SWB} --help)
string(REGEX MATCH "\nCommands:\n(.*)\n\nOptions:" section "${run_output}")
string(REPLACE "\n" ";" lines "${CMAKE_MATCH_1}")
set(commands "")
foreach(line IN LISTS lines)
  if(line MATCHES "^  ([a-z]+( [a-z]+)?)  +(.*)$")
    set(name "${CMAKE_MATCH_1}")
    if(NOT name STREQUAL "help" AND NOT name STREQUAL "completion")
      list(APPEND commands "${name}")
      set(summary_${name} "${CMAKE_MATCH_3}")
    endif()
  elseif(line MATCHES "^  +(.*)$" AND commands)
    list(GET commands -1 last) # a summary wrapped on the next line
    set(summary_${last} "${summary_${last}} ${CMAKE_MATCH_1}")
  endif()
endforeach()
list(LENGTH commands count)
if(count LESS 10)
  message(FATAL_ERROR "could not read the commands from swb --help:\n${run_output}")
endif()

set(pages "")
set(see_also "")
foreach(name IN LISTS commands)
  string(REPLACE " " "-" page "swb-${name}")
  list(APPEND see_also "${page}(1)")
  string(REGEX REPLACE "\\.$" "" summary "${summary_${name}}")
  string(SUBSTRING "${summary}" 0 1 first)
  string(TOLOWER "${first}" first)
  string(SUBSTRING "${summary}" 1 -1 rest)
  run_checked(${HELP2MAN} --no-info --section=1 --name=${first}${rest}
              "--help-option=${name} --help" "--version-string=${page} ${VERSION}"
              --output=${OUT}/man/${page}.1 ${SWB})
  list(APPEND pages ${OUT}/man/${page}.1)
endforeach()

list(JOIN see_also ", " see_also_text)
file(WRITE ${OUT}/swb.h2m "[SEE ALSO]\n${see_also_text}, serverless-workbench(1)\n")
run_checked(${HELP2MAN} --no-info --section=1
            "--name=validate, price, simulate and convert serverless designs"
            --include=${OUT}/swb.h2m "--version-string=swb ${VERSION}" --output=${OUT}/man/swb.1
            ${SWB})
list(APPEND pages ${OUT}/man/swb.1)
file(WRITE ${OUT}/gui.h2m "[SEE ALSO]\nswb(1)\n")
run_checked(${HELP2MAN} --no-info --section=1
            "--name=design serverless AWS architectures and watch them run"
            --include=${OUT}/gui.h2m "--version-string=serverless-workbench ${VERSION}"
            --output=${OUT}/man/serverless-workbench.1 ${GUI})
list(APPEND pages ${OUT}/man/serverless-workbench.1)
foreach(page IN LISTS pages)
  run_checked(gzip -9nf ${page})
endforeach()

run_checked(${SWB} completion bash)
file(WRITE ${OUT}/completion/swb "${run_output}")

configure_file(${CHANGELOG} ${OUT}/doc/changelog @ONLY)
run_checked(gzip -9nf ${OUT}/doc/changelog)
file(WRITE ${OUT}/docs.stamp "${commands}\n")
