"""What follows from the Archive: previous and next letters, references resolved,
"referenced by", and mentions in a letter's text that become links."""
