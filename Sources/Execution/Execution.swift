// Execution: physical operators.
