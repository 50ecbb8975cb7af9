"""Pure domain: value types, reference data and rules. Imports no database and no Qt."""
