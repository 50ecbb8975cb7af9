"""triage_app: intake, triage and support plans for Dutch social district teams."""

__version__ = "0.1.0"
