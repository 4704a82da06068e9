"""Use cases. Each owns one unit of work: one user action = one transaction. No Qt."""
