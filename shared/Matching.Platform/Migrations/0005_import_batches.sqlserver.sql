-- A commit writes its rows in short batches; the rows applied so far, so an interrupted commit goes on where it stopped.
ALTER TABLE imports ADD applied_rows INT NOT NULL CONSTRAINT df_imports_applied_rows DEFAULT 0;
