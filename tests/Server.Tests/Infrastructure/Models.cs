namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>Authorization models (OpenFGA JSON) used by the tests.</summary>
internal static class Models
{
    /// <summary>
    /// user; group (member: [user]); document (owner: [user]; viewer: [user, user:*, group#member] or owner;
    /// parent-free so that every answer is easy to reason about).
    /// </summary>
    public const string Documents = """
        {
          "schema_version": "1.1",
          "type_definitions": [
            { "type": "user" },
            {
              "type": "group",
              "relations": { "member": { "this": {} } },
              "metadata": { "relations": { "member": { "directly_related_user_types": [ { "type": "user" } ] } } }
            },
            {
              "type": "document",
              "relations": {
                "owner": { "this": {} },
                "viewer": { "union": { "child": [ { "this": {} }, { "computedUserset": { "relation": "owner" } } ] } }
              },
              "metadata": {
                "relations": {
                  "owner": { "directly_related_user_types": [ { "type": "user" } ] },
                  "viewer": {
                    "directly_related_user_types": [
                      { "type": "user" }, { "type": "user", "wildcard": {} }, { "type": "group", "relation": "member" }
                    ]
                  }
                }
              }
            }
          ]
        }
        """;
}
