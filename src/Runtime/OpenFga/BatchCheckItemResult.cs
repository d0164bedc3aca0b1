using TypedFga.Wire;

namespace TypedFga.OpenFga;

/// <summary>The answer to one check of <see cref="OpenFgaHttpClient.BatchCheckAsync"/>.</summary>
/// <param name="CorrelationId">The check's correlation id, given or assigned by the client.</param>
/// <param name="Check">The check as sent.</param>
/// <param name="Allowed">Whether the relationship holds; false when the check failed.</param>
/// <param name="Error">Why the server could not answer this check; null when it did.</param>
internal sealed record BatchCheckItemResult(string CorrelationId, BatchCheckItem Check, bool Allowed, CheckError? Error);
