-- Local accounts. Passwords are stored as PasswordHasher hashes; sessions and API tokens as SHA-256 of the secret.
CREATE TABLE users (
    id              TEXT NOT NULL PRIMARY KEY,
    user_name       TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    is_admin        INTEGER NOT NULL DEFAULT 0,
    disabled        INTEGER NOT NULL DEFAULT 0,
    failed_sign_ins INTEGER NOT NULL DEFAULT 0,
    locked_until    TEXT NULL,
    created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_users_user_name ON users (user_name);

-- A user's role in a program; a recruiter names its firm.
CREATE TABLE memberships (
    user_id TEXT NOT NULL,
    program TEXT NOT NULL,
    role    TEXT NOT NULL,
    level   TEXT NULL,
    firm    TEXT NULL,
    PRIMARY KEY (user_id, program)
);

-- Browser sessions and personal API tokens: revocable, and stored only as hashes.
CREATE TABLE credentials (
    id          TEXT NOT NULL PRIMARY KEY,
    user_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    name        TEXT NULL,
    hint        TEXT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NULL,
    revoked_at  TEXT NULL
);
CREATE UNIQUE INDEX ux_credentials_secret_hash ON credentials (secret_hash);
CREATE INDEX ix_credentials_user ON credentials (user_id, kind);
