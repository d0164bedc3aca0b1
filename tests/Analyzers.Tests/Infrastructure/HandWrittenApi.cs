namespace TypedFga.Analyzers.Tests.Infrastructure;

/// <summary>The generated API for <see cref="TestModel.Fga"/>, in the contract's shape.</summary>
internal static class HandWrittenApi
{
    public const string Source = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using global::TypedFga.Typed;

        namespace App
        {
            public static partial class Fga
            {
                public static App.FgaTypes.Document Document(string id) => new(id);
                public static App.FgaTypes.Folder Folder(string id) => new(id);
                public static App.FgaTypes.AuditLog AuditLog(string id) => new(id);
                public static App.FgaTypes.User User(string id) => new(id);
                public static App.FgaTypes.FgaClientView Using(global::TypedFga.IFgaClient client) => new(client);
            }
        }

        namespace App.FgaTypes
        {
            public readonly struct FgaClientView
            {
                public FgaClientView(global::TypedFga.IFgaClient client) { }
                public Document Document(string id) => new(id);
            }

            public readonly struct User : IFgaObject
            {
                public User(string id) { Id = id; }
                public string Type => "user";
                public string Id { get; }
                public string Subject => "user:" + Id;
            }

            public readonly struct Folder : IFgaObject
            {
                public Folder(string id) { Id = id; }
                public string Type => "folder";
                public string Id { get; }
                public string Subject => "folder:" + Id;
                public FolderOwners Owners => default;
            }

            public readonly struct Document : IFgaObject
            {
                public Document(string id) { Id = id; }
                public string Type => "document";
                public string Id { get; }
                public string Subject => "document:" + Id;
                public DocumentOwners Owners => default;
                public DocumentEditors Editors => default;
                public DocumentViewers Viewers => default;
            }

            public readonly struct AuditLog : IFgaObject
            {
                public AuditLog(string id) { Id = id; }
                public string Type => "audit_log";
                public string Id { get; }
                public string Subject => "audit_log:" + Id;
                public AuditLogReaders Readers => default;
            }

            [FgaRelation("folder", "owner")]
            [FgaCritical("folder#owner")]
            public readonly struct FolderOwners
            {
                public ValueTask Grant(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask Revoke(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask RevokeNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask<bool> Check<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => default;
            }

            [FgaRelation("document", "owner")]
            [FgaCritical("document#owner")]
            public readonly struct DocumentOwners
            {
                public ValueTask Grant(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask Revoke(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask RevokeNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask<bool> Check<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => default;
            }

            [FgaRelation("document", "editor")]
            public readonly struct DocumentEditors
            {
                public ValueTask Grant(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask Revoke(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask RevokeNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask<bool> Check<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => default;
            }

            [FgaRelation("document", "viewer")]
            public readonly struct DocumentViewers
            {
                public ValueTask Grant(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask Grant(User subject, NonExpiredCondition condition, CancellationToken cancellationToken = default) => default;
                public ValueTask Revoke(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, NonExpiredCondition condition, CancellationToken cancellationToken = default) => default;
                public ValueTask RevokeNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask<bool> Check<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => default;
            }

            public readonly struct NonExpiredCondition
            {
                public const string Name = "non_expired";
                public NonExpiredCondition(DateTimeOffset? currentTime = null, DateTimeOffset? grantTime = null, TimeSpan? grantDuration = null) { }
            }

            [FgaRelation("audit_log", "reader")]
            [FgaCritical("audit_log#reader")]
            public readonly struct AuditLogReaders
            {
                public ValueTask Grant(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask Revoke(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask GrantNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask RevokeNow(User subject, CancellationToken cancellationToken = default) => default;
                public ValueTask<bool> Check<TSubject>(TSubject subject, IReadOnlyDictionary<string, object?>? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => default;
            }
        }
        """;
}
