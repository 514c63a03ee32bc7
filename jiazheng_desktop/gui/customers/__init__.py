"""The 客户 section: the list, the profile with its timeline, the customer and visit dialogs."""
