"""Notifications: the outbox, e-mail delivery, the in-app list and the scheduler that drives them."""
