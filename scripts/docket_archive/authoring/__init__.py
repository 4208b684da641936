"""People writing letters: `docket new`'s questions and drafts, and `docket review`."""
