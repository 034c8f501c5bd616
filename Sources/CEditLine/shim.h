// The parts of libedit regtutor uses: the readline-compatible API, which Swift can call
// (the native el_set/history functions are C variadic functions, which Swift cannot).
#include <stdio.h>
#include <stdlib.h>
#include <editline/readline.h>
