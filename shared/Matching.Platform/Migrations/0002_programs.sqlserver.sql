-- Programs (tenants) this service knows: the Programs service's own list, or a local copy from ProgramCreated.
CREATE TABLE programs (
    slug       NVARCHAR(64)   NOT NULL CONSTRAINT pk_programs PRIMARY KEY,
    name       NVARCHAR(200)  NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);
