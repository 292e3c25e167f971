"""Caseloads and assignment: prosecutor profiles, absences, weighted loads, automatic assignment, rebalancing."""
