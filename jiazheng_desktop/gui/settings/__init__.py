"""The 设置 section: agency, staff, deadlines, compensation limits, reminders, referral rule, logo."""
