"""Demo data: a bulk loader for demos, tests and benchmarks (not a use case; writes storage directly)."""
