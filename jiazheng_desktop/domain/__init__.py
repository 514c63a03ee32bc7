"""Pure business rules. Nothing here imports Qt or peewee."""
