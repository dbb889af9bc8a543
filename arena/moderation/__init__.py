"""Reports from users, facilitators' moderation actions, and the audit log."""
