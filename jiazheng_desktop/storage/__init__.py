"""The SQLite file: opening it, its schema and migrations, backups and named queries."""
