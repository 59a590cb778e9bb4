-- Who enabled root on an instance and when (Trove's root_enabled_history), shown to admins on
-- GET /mgmt/instances/{id}/root: one row per enabling, kept after root is disabled again, so an instance whose
-- data a tenant could have changed as root stays known as such.
CREATE TABLE root_enabled_history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id  uuid NOT NULL REFERENCES instances (id),
    user_id      text NOT NULL,
    enabled      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX root_enabled_history_instance ON root_enabled_history (instance_id, enabled);
