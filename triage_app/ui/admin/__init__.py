"""Screens for the team lead / administrator: accounts, audit log, retention."""
