-- The program's coordinators as last announced (ProgramStaffChanged): a fingerprint of the list, so a change of
-- memberships, names or accounts is announced once, and a database from before the event announces what it has.
CREATE TABLE staff_rosters (
    program     TEXT NOT NULL PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
