# hpcpp_module(NAME SOURCES... [DEPS targets...]): one static library per module,
# named hpcpp_<NAME>, with the source tree root on its include path.
function(hpcpp_module name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPS" ${ARGN})
  add_library(hpcpp_${name} STATIC ${arg_SOURCES})
  target_include_directories(hpcpp_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(hpcpp_${name} PUBLIC ${arg_DEPS})
  set_target_properties(hpcpp_${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
endfunction()
