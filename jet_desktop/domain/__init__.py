"""Pure domain rules: no Qt, no database. Everything here is testable on its own."""
