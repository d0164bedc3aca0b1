namespace TypedFga.Typed;

/// <summary>
/// Finds the <see cref="IFgaClient"/> that generated calls such as <c>Fga.Document(1).Editors.Grant(user)</c>
/// use when no client is passed explicitly: the innermost <see cref="Use"/> scope on the current async flow,
/// else the process default that <c>AddFga</c> installs when the host starts.
/// </summary>
public static class FgaClientContext
{
    private static readonly AsyncLocal<IFgaClient?> Scoped = new();
    private static IFgaClient? _default;

    /// <summary>The client generated calls use right now.</summary>
    /// <exception cref="InvalidOperationException">No client is registered or in scope.</exception>
    public static IFgaClient Current =>
        Scoped.Value ?? Volatile.Read(ref _default) ?? throw new InvalidOperationException(
            "No OpenFGA client is configured. Register one with services.AddFga(...) and start the host, " +
            "pass one explicitly with Fga.Using(client), or scope one with FgaClientContext.Use(client).");

    /// <summary>Sets the process-wide default client; <c>AddFga</c> calls this when the host starts.</summary>
    public static void SetDefault(IFgaClient? client) => Volatile.Write(ref _default, client);

    /// <summary>Clears the default only if it is still <paramref name="client"/> (another host may have replaced it).</summary>
    public static void ClearDefault(IFgaClient client) => Interlocked.CompareExchange(ref _default, null, client);

    /// <summary>Makes <paramref name="client"/> current for the calling async flow until the scope is disposed.</summary>
    public static IDisposable Use(IFgaClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Scoped.Value;
        Scoped.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(IFgaClient? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }
}
