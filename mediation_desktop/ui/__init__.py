"""Qt user interface: a thin client of the services."""
