# No test may leave a file in the source tree: every test, fuzzer and example
# works in a temporary directory. CTest runs this script twice around all the
# other tests (a fixture, tests/CMakeLists.txt):
#
#   cmake -DSOURCE=<dir> -DSTATE=<file> -DMODE=snapshot -P source_tree_check.cmake
#   cmake -DSOURCE=<dir> -DSTATE=<file> -DMODE=compare  -P source_tree_check.cmake
#
# snapshot writes what `git status` says of the tree (or, outside a git
# checkout, the list of its files) to STATE; compare fails, naming them, if
# anything appeared or changed since. Build folders are not part of the tree
# (.gitignore; without git, any top-level folder named build*).

function(tree_state out)
  if(EXISTS "${SOURCE}/.git")
    execute_process(COMMAND git -C "${SOURCE}" status --porcelain --untracked-files=all
                    OUTPUT_VARIABLE state RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "git status failed in ${SOURCE}")
    endif()
  else()
    file(GLOB_RECURSE files RELATIVE "${SOURCE}" "${SOURCE}/*")
    list(FILTER files EXCLUDE REGEX "^build[^/]*/")
    list(SORT files)
    list(JOIN files "\n" state)
  endif()
  set(${out} "${state}" PARENT_SCOPE)
endfunction()

tree_state(now)
if(MODE STREQUAL "snapshot")
  file(WRITE "${STATE}" "${now}")
elseif(MODE STREQUAL "compare")
  file(READ "${STATE}" before)
  if(NOT now STREQUAL before)
    string(REPLACE "\n" ";" before_lines "${before}")
    string(REPLACE "\n" ";" now_lines "${now}")
    list(REMOVE_ITEM now_lines ${before_lines} "")
    list(JOIN now_lines "\n  " changed)
    message(FATAL_ERROR "The tests left files in the source tree ${SOURCE}:\n  ${changed}\n"
                        "(a test must work in a temporary directory)")
  endif()
  message(STATUS "The source tree is as the tests found it.")
else()
  message(FATAL_ERROR "MODE must be snapshot or compare")
endif()
