# Helpers that keep each folder's CMakeLists.txt short and uniform (abseil-style):
#   pol_library(NAME pol_text SRCS a.cc b.cc DEPS ICU::uc)
#   pol_test(NAME text_normalize_test SRCS normalize_test.cc DEPS pol_text)
#   pol_benchmark(NAME text_benchmark SRCS text_benchmark.cc DEPS pol_text)
# Headers are included as "text/normalize.h" etc. (include root is src/).

function(pol_library)
  cmake_parse_arguments(P "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${P_NAME} STATIC ${P_SRCS})
  target_include_directories(${P_NAME} PUBLIC ${POL_SOURCE_DIR}/src)
  target_compile_options(${P_NAME} PRIVATE ${POL_WARNINGS})
  target_link_libraries(${P_NAME} PUBLIC ${P_DEPS})
endfunction()

function(pol_test)
  cmake_parse_arguments(P "" "NAME;TIMEOUT" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${P_NAME} ${P_SRCS})
  target_compile_options(${P_NAME} PRIVATE ${POL_WARNINGS})
  target_compile_definitions(${P_NAME} PRIVATE
    POL_SHARED_DIR="${POL_SHARED_DIR}" POL_SOURCE_DIR="${POL_SOURCE_DIR}")
  target_link_libraries(${P_NAME} PRIVATE ${P_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  add_test(NAME ${P_NAME} COMMAND ${P_NAME})
  if(NOT P_LABELS)
    set(P_LABELS unit)
  endif()
  if(NOT P_TIMEOUT)
    set(P_TIMEOUT 300)
  endif()
  set_tests_properties(${P_NAME} PROPERTIES LABELS "${P_LABELS}" TIMEOUT ${P_TIMEOUT})
endfunction()

# A Google Benchmark binary: a pol_bench_driver (below) linked with the benchmark library.
function(pol_benchmark)
  cmake_parse_arguments(P "" "NAME" "SRCS;DEPS" ${ARGN})
  pol_bench_driver(NAME ${P_NAME} SRCS ${P_SRCS} DEPS ${P_DEPS} benchmark::benchmark)
endfunction()

# A benchmark driver, not Google Benchmark (its set-up — an index, a seeded database — is built once and
# timed by hand): built only with POL_BENCH=ON, with the same warnings and the paths of the shared data.
# INCLUDES: extra include folders (the source root, for a driver's headers under bench/).
function(pol_bench_driver)
  if(NOT POL_BENCH)
    return()
  endif()
  cmake_parse_arguments(P "" "NAME" "SRCS;DEPS;INCLUDES" ${ARGN})
  add_executable(${P_NAME} ${P_SRCS})
  target_compile_options(${P_NAME} PRIVATE ${POL_WARNINGS})
  target_include_directories(${P_NAME} PRIVATE ${P_INCLUDES})
  target_compile_definitions(${P_NAME} PRIVATE
    POL_SHARED_DIR="${POL_SHARED_DIR}" POL_SOURCE_DIR="${POL_SOURCE_DIR}")
  target_link_libraries(${P_NAME} PRIVATE ${P_DEPS})
endfunction()

# libFuzzer target: built only with POL_FUZZ=ON and clang. In the normal
# (g++) build the same source is linked into a replay test that runs the
# checked-in corpus, so every `make test` exercises the fuzz entry point.
function(pol_fuzzer)
  cmake_parse_arguments(P "" "NAME;CORPUS" "SRCS;DEPS" ${ARGN})
  if(POL_FUZZ)
    add_executable(${P_NAME} ${P_SRCS})
    target_compile_options(${P_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_options(${P_NAME} PRIVATE -fsanitize=fuzzer,address,undefined)
    target_link_libraries(${P_NAME} PRIVATE ${P_DEPS})
  else()
    add_executable(${P_NAME}_replay ${P_SRCS} ${POL_SOURCE_DIR}/tests/fuzz_replay_main.cc)
    target_compile_options(${P_NAME}_replay PRIVATE ${POL_WARNINGS})
    target_link_libraries(${P_NAME}_replay PRIVATE ${P_DEPS})
    add_test(NAME ${P_NAME}_replay COMMAND ${P_NAME}_replay ${P_CORPUS})
    set_tests_properties(${P_NAME}_replay PROPERTIES LABELS "fuzz" TIMEOUT 300)
  endif()
endfunction()
