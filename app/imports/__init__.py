"""Bulk import of arrests from CSV files, on the command line and as an upload page."""
