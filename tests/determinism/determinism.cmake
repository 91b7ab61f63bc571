# The same seed gives the same mesh, bit for bit; another seed moves the
# particles. Variables: EXE, SOURCE, WORKDIR.
file(REMOVE_RECURSE "${WORKDIR}")
foreach(run a b c)
  file(MAKE_DIRECTORY "${WORKDIR}/${run}")
  set(seed 1)
  if(run STREQUAL "c")
    set(seed 2)
  endif()
  execute_process(COMMAND ${EXE} --generate ${SOURCE}/particles_seed${seed}.prm
                  WORKING_DIRECTORY "${WORKDIR}/${run}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "mesocell --generate failed for run ${run}")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                "${WORKDIR}/a/output/mesh.msh" "${WORKDIR}/b/output/mesh.msh" RESULT_VARIABLE same)
if(NOT same EQUAL 0)
  message(FATAL_ERROR "seed 1 twice gave different meshes")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files
                "${WORKDIR}/a/output/mesh.msh" "${WORKDIR}/c/output/mesh.msh" RESULT_VARIABLE differ)
if(differ EQUAL 0)
  message(FATAL_ERROR "seeds 1 and 2 gave the same mesh")
endif()
message("seed 1 twice: identical mesh files; seed 2: a different mesh")
