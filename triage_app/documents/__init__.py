"""Printed documents for residents, rendered with reportlab from plain data (never a session)."""
