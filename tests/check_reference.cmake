# Fail if doc/parameters.md differs from what `mesocell --print-parameters markdown` prints.
execute_process(COMMAND ${EXE} --print-parameters markdown OUTPUT_FILE ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "mesocell --print-parameters markdown failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${OUT} ${REFERENCE} RESULT_VARIABLE diff)
if(NOT diff EQUAL 0)
  message(FATAL_ERROR "${REFERENCE} is out of date; regenerate it with "
                      "`cmake --build build --target parameter-reference`")
endif()
message("doc/parameters.md matches the program's parameter reference")
