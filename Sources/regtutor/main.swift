// The regtutor command: parses the command line, then runs on a thread with a large stack so
// that deeply recursive student code meets Python's recursion limit, not a stack overflow.
import Common
import Foundation

// A closed pipe is an error to report (EPIPE), not a signal that kills the session.
signal(SIGPIPE, SIG_IGN)
MemoryBudget.keepFreedMemory()
RegTutorCommand.main()
