-- U・I・Jターン of a counted placement or retention (u, i, j; local for a hire from inside the prefecture), for the turn breakdown.
ALTER TABLE counted_events ADD turn VARCHAR(10) NULL;
