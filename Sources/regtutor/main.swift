// The regtutor command: parses the command line, then runs on a thread with a large stack so
// that deeply recursive student code meets Python's recursion limit, not a stack overflow.
RegTutorCommand.main()
