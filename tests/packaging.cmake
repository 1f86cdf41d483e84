# Packaging test: builds the .deb with CPack, unpacks it into a scratch root and checks that every
# file is where the desktop expects it, that the runtime dependencies were computed, and that
# desktop-file-validate and appstreamcli accept the desktop integration files.
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
  usr/share/icons/hicolor/256x256/apps/serverless-workbench.png)
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
message(STATUS "packaging: ${debs} ok")
