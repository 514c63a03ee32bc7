"""The 话术模板 section: the script library and its editor."""
