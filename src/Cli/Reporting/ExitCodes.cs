namespace TypedFga.Cli.Reporting;

/// <summary>What <c>typedfga</c> exits with.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>
    /// It ran and failed: the server could not be reached or refused, the outbox could not be opened, the model has
    /// errors, operations were left failing, or the user declined.
    /// </summary>
    public const int Failed = 1;

    /// <summary>It could not run as given: a missing or invalid option, file or setting, or a confirmation it could not ask.</summary>
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl+C or SIGTERM before it finished (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
