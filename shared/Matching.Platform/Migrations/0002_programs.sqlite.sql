-- Programs (tenants) this service knows: the Programs service's own list, or a local copy from ProgramCreated.
CREATE TABLE programs (
    slug       TEXT NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
