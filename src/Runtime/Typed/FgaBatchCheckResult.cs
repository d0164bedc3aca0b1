using System.Collections;

namespace TypedFga.Typed;

/// <summary>
/// The answers of <c>Fga.BatchCheck</c>, in the order the checks were given (<c>result[0]</c>) and by check
/// (<c>result[check]</c>).
/// </summary>
public sealed class FgaBatchCheckResult : IReadOnlyList<bool>
{
    private readonly FgaCheck[] _checks;
    private readonly bool[] _answers;

    internal FgaBatchCheckResult(FgaCheck[] checks, bool[] answers)
    {
        _checks = checks;
        _answers = answers;
    }

    /// <summary>The checks, in the order given.</summary>
    public IReadOnlyList<FgaCheck> Checks => _checks;

    /// <summary>The number of checks.</summary>
    public int Count => _answers.Length;

    /// <summary>True when every check is allowed (and for an empty batch).</summary>
    public bool AllAllowed => Array.TrueForAll(_answers, static allowed => allowed);

    /// <summary>True when at least one check is allowed.</summary>
    public bool AnyAllowed => Array.Exists(_answers, static allowed => allowed);

    /// <summary>The answer of the check at <paramref name="index"/> in the order given.</summary>
    /// <param name="index">The check's position, from 0.</param>
    public bool this[int index] => _answers[index];

    /// <summary>The answer of <paramref name="check"/>.</summary>
    /// <param name="check">A check of the batch.</param>
    /// <exception cref="KeyNotFoundException"><paramref name="check"/> was not in the batch.</exception>
    public bool this[FgaCheck check]
    {
        get
        {
            var index = Array.IndexOf(_checks, check);
            return index >= 0 ? _answers[index] : throw new KeyNotFoundException($"The check {check} was not in the batch.");
        }
    }

    /// <inheritdoc/>
    public IEnumerator<bool> GetEnumerator() => ((IEnumerable<bool>)_answers).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
