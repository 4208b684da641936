"""Legal knowledge, from the field's libraries where there is one: case numbers in
every spelling, courts (courts-db), people's names, and citations of letters."""
