"""The household plan: editor, arrangement and decision dialogs, version history."""
