"""Statutory deadlines: rules as data, working calendars and exact counting."""
