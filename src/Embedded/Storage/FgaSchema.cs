namespace TypedFga.Embedded.Storage;

/// <summary>
/// The engine's SQLite schema. Tuples are keyed by store, object and relation first (Check's forward reads),
/// with a partial index for userset users (group:eng#member) and an index by user (ListObjects, Read by user).
/// </summary>
internal static class FgaSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS fga_store (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted_at INTEGER NULL);

        CREATE TABLE IF NOT EXISTS fga_model (
            store_id TEXT NOT NULL,
            id TEXT NOT NULL,
            schema_version TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (store_id, id)) WITHOUT ROWID;

        CREATE TABLE IF NOT EXISTS fga_tuple (
            seq INTEGER PRIMARY KEY,
            store_id TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            relation TEXT NOT NULL,
            user_type TEXT NOT NULL,
            user_id TEXT NOT NULL,
            user_relation TEXT NOT NULL,
            condition_name TEXT NULL,
            condition_context TEXT NULL,
            inserted_at INTEGER NOT NULL);

        CREATE UNIQUE INDEX IF NOT EXISTS ux_fga_tuple_key
            ON fga_tuple (store_id, object_type, object_id, relation, user_type, user_id, user_relation);

        CREATE INDEX IF NOT EXISTS ix_fga_tuple_usersets
            ON fga_tuple (store_id, object_type, object_id, relation, user_type, user_relation)
            WHERE user_relation <> '';

        CREATE INDEX IF NOT EXISTS ix_fga_tuple_by_user
            ON fga_tuple (store_id, object_type, relation, user_type, user_id, user_relation);

        CREATE TABLE IF NOT EXISTS fga_change (
            seq INTEGER PRIMARY KEY,
            store_id TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            relation TEXT NOT NULL,
            user_value TEXT NOT NULL,
            condition_name TEXT NULL,
            condition_context TEXT NULL,
            operation INTEGER NOT NULL,
            changed_at INTEGER NOT NULL);

        CREATE INDEX IF NOT EXISTS ix_fga_change_store ON fga_change (store_id, seq);
        """;
}
