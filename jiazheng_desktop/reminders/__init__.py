"""APScheduler wiring: wakes the program when a reminder falls due. No widgets, no database."""
