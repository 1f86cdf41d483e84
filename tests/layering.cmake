# Layering check (DESIGN.md "Layers"): each layer may include only what lies below it.
# The link lists already stop a layer from using a higher one; this also catches includes that
# would compile by accident (a header-only use of a higher layer). Run: cmake -DROOT=... -P.
set(violations "")

function(check_layer dir forbidden_regex why)
  file(GLOB_RECURSE files ${ROOT}/${dir}/*.h ${ROOT}/${dir}/*.cpp)
  foreach(f ${files})
    if(dir STREQUAL "sim" AND f MATCHES "/sim/core/")
      continue()
    endif()
    file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line ${lines})
      if(line MATCHES "${forbidden_regex}")
        file(RELATIVE_PATH rel ${ROOT} ${f})
        list(APPEND violations "${rel}: '${line}' (${why})")
      endif()
    endforeach()
  endforeach()
  set(violations "${violations}" PARENT_SCOPE)
endfunction()

check_layer(sim/core "[<\"](Q|qt|model/|ui/|app/)" "the simulation core is plain C++")
check_layer(model "[<\"](ui/|sim/|app/|QtWidgets|QWidget|QGraphics|QtCharts|QChart)"
            "the model links no Widgets and no higher layer")
check_layer(sim "[<\"](ui/|app/|QtWidgets|QWidget|QGraphics|QtCharts|QChart)"
            "the sim layer knows no GUI")
check_layer(ui "[<\"](app/|cli/)" "the UI does not reach into the executables")
# Graphviz is the model's private layout engine (model/layout.cpp): no other layer uses it.
check_layer(ui "[<\"]graphviz/" "Graphviz is linked privately by the model")
check_layer(sim "[<\"]graphviz/" "Graphviz is linked privately by the model")

if(violations)
  list(JOIN violations "\n  " text)
  message(FATAL_ERROR "Layering violations:\n  ${text}")
endif()
message(STATUS "layering: clean")
