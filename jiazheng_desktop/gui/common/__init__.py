"""What several GUI sections share: translation, messages, field errors, background calls, shared dialogs."""
