"""The incidents section: the list, one incident's ILEAD steps, and their forms."""
