"""The files that follow a case, one builder per kind: Atom feeds, calendars, exports, the form's data."""
