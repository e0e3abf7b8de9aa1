# Writes lfvlab.1 with help2man: the top-level --help, then one section per
# subcommand from its own --help, so the page never falls behind the CLI.
# Run with -DLFVLAB=program -DHELP2MAN=help2man -DOUT=lfvlab.1 -DINCLUDE=extra.h2m
execute_process(COMMAND ${LFVLAB} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "lfvlab --help failed")
endif()
# CLI11 lists the subcommands after "Subcommands:" ("SUBCOMMANDS:" in
# older releases), one per line; only those lines become sections.
string(REGEX REPLACE ".*(SUBCOMMANDS|Subcommands):\n" "" subs "${top}")
string(REGEX REPLACE "\n\n.*" "" subs "${subs}")
string(REGEX MATCHALL "\n  ([a-z-]+)" lines "\n${subs}")
set(text "[COMMANDS]\n")
foreach(line ${lines})
  string(STRIP "${line}" sub)
  execute_process(COMMAND ${LFVLAB} ${sub} --help OUTPUT_VARIABLE help)
  string(REGEX REPLACE "\n+$" "" help "${help}")
  string(REPLACE "\\" "\\\\" help "${help}")
  string(APPEND text ".SS ${sub}\n.nf\n${help}\n.fi\n")
endforeach()
string(APPEND text "[EXIT STATUS]\n0: success; 1: a failure was found or an expectation does not hold; 2: bad input (a file, a flag), with a message naming it.\n")
string(APPEND text "[FILES]\n.I <prefix>/share/lfvlab/scenarios\nthe scenario library (\\-\\-library DIR overrides it).\n.br\n.I ~/.config/lfvlab/\nthe app's options and window layout.\n")
string(APPEND text "[SEE ALSO]\nThe README and docs/ of the source tree: docs/lecture-guide.md, docs/scenario-format.md, docs/verification.md.\n")
file(WRITE ${INCLUDE} "${text}")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr
                        --name "the Lock-Free Vector Lab: a lock-free vector stepped one atomic action at a time"
                        --section 1 --include ${INCLUDE} --output ${OUT} ${LFVLAB}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed")
endif()
