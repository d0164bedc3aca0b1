namespace TypedFga.Server.Faults;

/// <summary>
/// Decides whether a request meets a simulated failure before the server handles it. The server registers
/// <see cref="NoFaultInjector"/>; tests replace it through <see cref="ServerHost.Build(string[], Action{IServiceCollection}?)"/>'s
/// service hook. No configuration key can install another injector, so faults never reach a production setup.
/// </summary>
public interface IFaultInjector
{
    /// <summary>The fault for this request, or <see langword="null"/> to serve it normally.</summary>
    Fault? Next(HttpContext context);
}

/// <summary>The injector of a normal server: never a fault.</summary>
public sealed class NoFaultInjector : IFaultInjector
{
    /// <inheritdoc />
    public Fault? Next(HttpContext context) => null;
}
