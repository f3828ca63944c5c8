-- Local accounts. Passwords are stored as PasswordHasher hashes; sessions and API tokens as SHA-256 of the secret.
CREATE TABLE users (
    id              UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_users PRIMARY KEY,
    user_name       NVARCHAR(100)  NOT NULL,
    display_name    NVARCHAR(200)  NOT NULL,
    password_hash   NVARCHAR(400)  NOT NULL,
    is_admin        BIT NOT NULL CONSTRAINT df_users_is_admin DEFAULT 0,
    disabled        BIT NOT NULL CONSTRAINT df_users_disabled DEFAULT 0,
    failed_sign_ins INT NOT NULL CONSTRAINT df_users_failed DEFAULT 0,
    locked_until    DATETIMEOFFSET NULL,
    created_at      DATETIMEOFFSET NOT NULL
);
CREATE UNIQUE INDEX ux_users_user_name ON users (user_name);

-- A user's role in a program; a recruiter names its firm.
CREATE TABLE memberships (
    user_id UNIQUEIDENTIFIER NOT NULL,
    program NVARCHAR(64)  NOT NULL,
    role    NVARCHAR(20)  NOT NULL,
    level   NVARCHAR(20)  NULL,
    firm    NVARCHAR(200) NULL,
    CONSTRAINT pk_memberships PRIMARY KEY (user_id, program)
);

-- Browser sessions and personal API tokens: revocable, and stored only as hashes.
CREATE TABLE credentials (
    id          UNIQUEIDENTIFIER NOT NULL CONSTRAINT pk_credentials PRIMARY KEY,
    user_id     UNIQUEIDENTIFIER NOT NULL,
    kind        NVARCHAR(10)   NOT NULL,
    secret_hash CHAR(64)       NOT NULL,
    name        NVARCHAR(100)  NULL,
    hint        NVARCHAR(20)   NULL,
    created_at  DATETIMEOFFSET NOT NULL,
    expires_at  DATETIMEOFFSET NULL,
    revoked_at  DATETIMEOFFSET NULL
);
CREATE UNIQUE INDEX ux_credentials_secret_hash ON credentials (secret_hash);
CREATE INDEX ix_credentials_user ON credentials (user_id, kind);
