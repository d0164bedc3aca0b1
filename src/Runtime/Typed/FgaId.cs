using System.Buffers.Binary;

namespace TypedFga.Typed;

/// <summary>
/// An object id as a generated factory received it: a string, a number or a <see cref="Guid"/>. A number or a Guid
/// is written in OpenFGA's string form (<see cref="FgaObjectId.Format(long)"/>, <see cref="FgaObjectId.Format(Guid)"/>)
/// only when that form is needed, so that a check answered from the check cache formats nothing. Two ids are equal
/// when their string forms are: <c>FgaId.From(7)</c> equals <c>FgaId.From("7")</c>.
/// </summary>
/// <remarks>The factories of the generated <c>Fga</c> class check string ids; <see cref="From(string)"/> does not.</remarks>
public readonly struct FgaId : IEquatable<FgaId>
{
    /// <summary>The longest string form of a number or a Guid (a Guid's <c>D</c> form has 36 characters).</summary>
    internal const int MaxFormattedLength = 36;

    // What the id holds: the string itself, or one of two markers for a number (in _high) or a Guid (in _high and _low).
    private static readonly object NumberMarker = new();
    private static readonly object GuidMarker = new();

    private readonly object? _value;
    private readonly long _high;
    private readonly long _low;

    private FgaId(object value, long high, long low)
    {
        _value = value;
        _high = high;
        _low = low;
    }

    /// <summary>True for <c>default(FgaId)</c>, which stands for no id at all.</summary>
    public bool IsDefault => _value is null;

    /// <summary>An id given as a string, taken as it is.</summary>
    /// <param name="id">The id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public static FgaId From(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new FgaId(id, 0, 0);
    }

    /// <summary>An id given as a number, written in invariant culture when its string form is needed.</summary>
    /// <param name="id">The id.</param>
    public static FgaId From(long id) => new(NumberMarker, id, 0);

    /// <summary>An id given as a Guid, written in the lower-case <c>D</c> format when its string form is needed.</summary>
    /// <param name="id">The id.</param>
    public static FgaId From(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return new FgaId(GuidMarker, BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]));
    }

    /// <summary>The id in OpenFGA's string form; empty for <c>default</c>.</summary>
    public override string ToString() => _value switch
    {
        string text => text,
        null => string.Empty,
        _ when ReferenceEquals(_value, NumberMarker) => FgaObjectId.Format(_high),
        _ => FgaObjectId.Format(ToGuid()),
    };

    /// <summary>True when both ids have the same string form.</summary>
    public bool Equals(FgaId other)
    {
        if (ReferenceEquals(_value, other._value))
        {
            return _value is string or null || (_high == other._high && _low == other._low);
        }

        if (_value is string text && other._value is string otherText)
        {
            return string.Equals(text, otherText, StringComparison.Ordinal);
        }

        if (_value is null || other._value is null)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[MaxFormattedLength];
        Span<char> otherBuffer = stackalloc char[MaxFormattedLength];
        return Format(buffer).SequenceEqual(other.Format(otherBuffer));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FgaId other && Equals(other);

    /// <summary>The hash of the string form, so that equal ids of different kinds hash alike.</summary>
    public override int GetHashCode()
    {
        if (_value is null)
        {
            return 0;
        }

        Span<char> buffer = stackalloc char[MaxFormattedLength];
        return string.GetHashCode(Format(buffer), StringComparison.Ordinal);
    }

    /// <summary>
    /// The string form without allocating: the string itself, or the number or Guid written into
    /// <paramref name="buffer"/> (at least <see cref="MaxFormattedLength"/> characters).
    /// </summary>
    internal ReadOnlySpan<char> Format(Span<char> buffer)
    {
        switch (_value)
        {
            case string text:
                return text;
            case null:
                return [];
        }

        int written;
        var done = ReferenceEquals(_value, NumberMarker)
            ? _high.TryFormat(buffer, out written, provider: System.Globalization.CultureInfo.InvariantCulture)
            : ToGuid().TryFormat(buffer, out written, "D");
        return done ? buffer[..written] : throw new ArgumentException("The buffer is too small for an id.", nameof(buffer));
    }

    /// <summary>
    /// Equality of what was given, without formatting: a number and the same number's string are different here.
    /// The check cache compares its keys this way; a check asked both ways is only remembered twice.
    /// </summary>
    internal bool SameAs(in FgaId other) =>
        ReferenceEquals(_value, other._value)
            ? _value is string or null || (_high == other._high && _low == other._low)
            : _value is string text && other._value is string otherText && string.Equals(text, otherText, StringComparison.Ordinal);

    /// <summary>A hash consistent with <see cref="SameAs"/>, cheaper than <see cref="GetHashCode"/> for numbers and Guids.</summary>
    /// <remarks>The parameterless string hash is the ordinal one, without the comparer look-up of the overload that takes a comparison.</remarks>
    internal int HashOfValue() => _value is string text ? text.GetHashCode() : HashCode.Combine(_high, _low);

    private Guid ToGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, _high);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], _low);
        return new Guid(bytes);
    }
}
