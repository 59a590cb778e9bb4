-- Instances: the tenant's resource. Three independent status sources (DESIGN §3), each written by one party:
-- task_status by api/taskmanager, server_status by the compute driver (through the taskmanager),
-- service_status by the conductor from guest heartbeats. The API status is derived from the three.
CREATE TABLE instances (
    id                      uuid PRIMARY KEY,
    project_id              text NOT NULL,
    name                    text NOT NULL,
    flavor_id               text NOT NULL REFERENCES flavors (id),
    datastore_version_id    uuid NOT NULL REFERENCES datastore_versions (id),
    volume_size_gb          integer NOT NULL CHECK (volume_size_gb > 0),
    task_status             text NOT NULL DEFAULT 'NONE',
    current_task_id         uuid,
    server_status           text,
    service_status          text NOT NULL DEFAULT 'NEW',
    service_status_updated  timestamptz,
    -- The guest's clock on the newest report accepted; older reports are dropped (Trove's LastSeen).
    guest_last_sent         timestamptz,
    volume_used_bytes       bigint,
    engine_version          text,
    hostname                text,
    port                    integer,
    -- AES-256-GCM key sealing this instance's guest messages.
    guest_key               bytea NOT NULL,
    build_deadline          timestamptz,
    fault_message           text,
    fault_details           text,
    fault_created           timestamptz,
    created                 timestamptz NOT NULL DEFAULT now(),
    updated                 timestamptz NOT NULL DEFAULT now(),
    deleted                 boolean NOT NULL DEFAULT false,
    deleted_at              timestamptz
);
-- Keyset pagination: a page costs the same whatever the number of instances in the project.
CREATE INDEX instances_project_page ON instances (project_id, created, id) WHERE NOT deleted;
CREATE INDEX instances_all_page ON instances (created, id);
CREATE INDEX instances_building ON instances (build_deadline) WHERE NOT deleted AND build_deadline IS NOT NULL;
CREATE INDEX instances_heartbeats ON instances (service_status_updated) WHERE NOT deleted;

-- One row per operation on an instance; the taskmanager's consumers are idempotent by its id.
CREATE TABLE instance_tasks (
    id           uuid PRIMARY KEY,
    instance_id  uuid NOT NULL REFERENCES instances (id),
    kind         text NOT NULL,
    state        text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'succeeded', 'failed')),
    -- Arguments the workflow needs (initial databases and users, new size...). Secrets are removed once used.
    args         jsonb NOT NULL DEFAULT '{}',
    step         text,
    attempts     integer NOT NULL DEFAULT 0,
    message      text,
    requested_by text,
    created      timestamptz NOT NULL DEFAULT now(),
    updated      timestamptz NOT NULL DEFAULT now(),
    finished     timestamptz
);
CREATE INDEX instance_tasks_instance ON instance_tasks (instance_id, created);
CREATE INDEX instance_tasks_open ON instance_tasks (updated) WHERE state IN ('pending', 'running');

-- Transactional outbox: a command commits with the row it concerns; the relay publishes it afterwards.
CREATE TABLE outbox_messages (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_type  text NOT NULL,
    body          jsonb NOT NULL,
    created       timestamptz NOT NULL DEFAULT now(),
    published_at  timestamptz,
    attempts      integer NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX outbox_unpublished ON outbox_messages (id) WHERE published_at IS NULL;
