"""The one-page PDF summary (reportlab only, no Qt)."""
