-- A firm entered from a recruiter membership's name (applied, for the office to complete) has no licence number yet.
DROP INDEX ux_firms_licence_number ON firms;
ALTER TABLE firms ALTER COLUMN licence_number NVARCHAR(20) NULL;
CREATE UNIQUE INDEX ux_firms_licence_number ON firms (licence_number) WHERE licence_number IS NOT NULL;
