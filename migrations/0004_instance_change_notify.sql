-- Every change to an instance row, whoever makes it (api, taskmanager, conductor, an operator in psql), tells the
-- API processes through NOTIFY on the channel their caches already listen to (ChangeListener), so the instance
-- read cache (InstanceReadCache) drops exactly what changed. NOTIFY is delivered at commit and only then.
-- Payload: instance:<op>:<id>:<project_id>, op = i (inserted), u (changed), m (deleted flag or project changed:
-- the project's listing changes too), d (row removed).
CREATE FUNCTION notify_instance_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('dbaas_changes', 'instance:i:' || NEW.id || ':' || NEW.project_id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('dbaas_changes', 'instance:d:' || OLD.id || ':' || OLD.project_id);
    ELSIF OLD.deleted IS DISTINCT FROM NEW.deleted OR OLD.project_id IS DISTINCT FROM NEW.project_id THEN
        PERFORM pg_notify('dbaas_changes', 'instance:m:' || NEW.id || ':' || OLD.project_id);
        PERFORM pg_notify('dbaas_changes', 'instance:m:' || NEW.id || ':' || NEW.project_id);
    ELSE
        PERFORM pg_notify('dbaas_changes', 'instance:u:' || NEW.id || ':' || NEW.project_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER instances_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON instances
    FOR EACH ROW EXECUTE FUNCTION notify_instance_change();
