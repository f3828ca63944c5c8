-- A commit writes its rows in short batches; the rows applied so far, so an interrupted commit goes on where it stopped.
ALTER TABLE imports ADD COLUMN applied_rows INTEGER NOT NULL DEFAULT 0;
