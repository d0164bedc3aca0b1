namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>The model every analyzer test compiles against: critical relations, a critical type and a condition.</summary>
internal static class TestModel
{
    public const string FileName = "model.fga";

    public const string Namespace = "App";

    public const string Fga = """
        model
          schema 1.1

        type user

        type folder
          relations
            define owner: [user] # @critical
            define viewer: [user] or owner

        type document
          relations
            define parent: [folder]
            define owner: [user] # @critical
            define editor: [user] or owner
            define viewer: [user, user with non_expired] or editor

        type audit_log # @critical
          relations
            define reader: [user]

        condition non_expired(current_time: timestamp, grant_time: timestamp, grant_duration: duration) {
          current_time < grant_time + grant_duration
        }

        """;

    /// <summary>Usings every test source starts from.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using App;

        """;
}
