"""The 提醒 section: the reminder centre, the notice panel, the scheduler's signals, the tray."""
