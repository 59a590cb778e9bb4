-- Identity: Keystone-style projects, users, role assignments and opaque tokens (stored hashed).
CREATE TABLE projects (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    domain_id    text NOT NULL DEFAULT 'default',
    description  text NOT NULL DEFAULT '',
    enabled      boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT projects_name_unique UNIQUE (domain_id, name)
);

CREATE TABLE users (
    id                  text PRIMARY KEY,
    name                text NOT NULL,
    domain_id           text NOT NULL DEFAULT 'default',
    password_hash       text NOT NULL,
    default_project_id  text REFERENCES projects (id),
    enabled             boolean NOT NULL DEFAULT true,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_name_unique UNIQUE (domain_id, name)
);

CREATE TABLE role_assignments (
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    role        text NOT NULL CHECK (role IN ('admin', 'member', 'reader')),
    PRIMARY KEY (user_id, project_id, role)
);

CREATE TABLE tokens (
    token_hash  text PRIMARY KEY,               -- hex SHA-256 of the token; the token itself is never stored
    user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id  text NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    roles       text[] NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX tokens_user_id ON tokens (user_id);
CREATE INDEX tokens_expires_at ON tokens (expires_at);

-- Catalog: flavors, datastores, versions and the configuration parameters each version accepts.
CREATE TABLE flavors (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    ram_mb        integer NOT NULL CHECK (ram_mb > 0),
    vcpus         integer NOT NULL CHECK (vcpus > 0),
    disk_gb       integer NOT NULL CHECK (disk_gb >= 0),
    ephemeral_gb  integer NOT NULL DEFAULT 0 CHECK (ephemeral_gb >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    deleted       boolean NOT NULL DEFAULT false,
    deleted_at    timestamptz
);
CREATE UNIQUE INDEX flavors_name_unique ON flavors (name) WHERE NOT deleted;

CREATE TABLE datastores (
    id                  uuid PRIMARY KEY,
    name                text NOT NULL UNIQUE,
    default_version_id  uuid,
    created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE datastore_versions (
    id            uuid PRIMARY KEY,
    datastore_id  uuid NOT NULL REFERENCES datastores (id),
    name          text NOT NULL,
    version       text NOT NULL,
    manager       text NOT NULL,
    image_id      text,
    image_tags    text[] NOT NULL DEFAULT '{}',
    packages      text[] NOT NULL DEFAULT '{}',
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT datastore_versions_name_unique UNIQUE (datastore_id, name)
);

ALTER TABLE datastores ADD CONSTRAINT datastores_default_version_fk
    FOREIGN KEY (default_version_id) REFERENCES datastore_versions (id) DEFERRABLE INITIALLY DEFERRED;

-- No rows for a version means every flavor fits it, as in Trove.
CREATE TABLE datastore_version_flavors (
    datastore_version_id  uuid NOT NULL REFERENCES datastore_versions (id) ON DELETE CASCADE,
    flavor_id             text NOT NULL REFERENCES flavors (id) ON DELETE CASCADE,
    PRIMARY KEY (datastore_version_id, flavor_id)
);

CREATE TABLE configuration_parameters (
    id                    uuid PRIMARY KEY,
    datastore_version_id  uuid NOT NULL REFERENCES datastore_versions (id) ON DELETE CASCADE,
    name                  text NOT NULL,
    data_type             text NOT NULL CHECK (data_type IN ('integer', 'float', 'string', 'boolean', 'list')),
    min_value             numeric,
    max_value             numeric,
    restart_required      boolean NOT NULL,
    dynamic               boolean NOT NULL,
    default_value         text,
    allowed_values        text[],
    unit                  text,
    description           text,
    created_at            timestamptz NOT NULL DEFAULT now(),
    deleted               boolean NOT NULL DEFAULT false,
    deleted_at            timestamptz
);
CREATE UNIQUE INDEX configuration_parameters_name_unique
    ON configuration_parameters (datastore_version_id, name) WHERE NOT deleted;

-- Quotas: per-project hard limits (absent row = configured default) and usage.
CREATE TABLE quotas (
    project_id  text NOT NULL,
    resource    text NOT NULL,
    hard_limit  integer NOT NULL CHECK (hard_limit >= -1),
    PRIMARY KEY (project_id, resource)
);

CREATE TABLE quota_usages (
    project_id  text NOT NULL,
    resource    text NOT NULL,
    in_use      integer NOT NULL DEFAULT 0 CHECK (in_use >= 0),
    reserved    integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    PRIMARY KEY (project_id, resource)
);
