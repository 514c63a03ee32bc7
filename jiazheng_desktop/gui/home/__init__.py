"""The 工作台 section: what is due today."""
