using TypedFga.Server;

// Serves OpenFGA's HTTP API on http://127.0.0.1:8080 (or --urls), backed by the embedded engine.
await ServerHost.Build(args).RunAsync();

/// <summary>The server's entry point.</summary>
public partial class Program;
