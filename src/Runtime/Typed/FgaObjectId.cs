using System.Buffers;

namespace TypedFga.Typed;

/// <summary>
/// Checks object ids for generated factories such as <c>Fga.Document(id)</c>, so a bad id fails where it is
/// written rather than when a write reaches OpenFGA.
/// </summary>
public static class FgaObjectId
{
    // The ASCII characters of a valid id: most ids are all ASCII, and one vectorized scan then checks them.
    private static readonly SearchValues<char> AsciiIdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_|*@.+/-");

    /// <summary>
    /// Returns <paramref name="id"/> when OpenFGA accepts it as an object id: letters, digits and
    /// <c>_ | * @ . + / -</c>, not starting with <c>*</c> (that is the wildcard), at most 254 characters
    /// (the object <c>type:id</c> may have 256).
    /// </summary>
    /// <param name="id">The id to check.</param>
    /// <param name="parameterName">The parameter named in the exception.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid object id.</exception>
    public static string Validate(string id, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(id, parameterName);
        if (id.Length == 0)
        {
            throw new ArgumentException("An OpenFGA object id must not be empty.", parameterName);
        }

        if (id.Length > 254)
        {
            throw new ArgumentException($"An OpenFGA object id must be at most 254 characters; this one has {id.Length}.", parameterName);
        }

        if (id[0] == '*')
        {
            throw new ArgumentException($"An OpenFGA object id must not start with '*' (that is the wildcard): '{id}'.", parameterName);
        }

        if (!id.AsSpan().ContainsAnyExcept(AsciiIdCharacters))
        {
            return id;
        }

        foreach (var c in id)
        {
            if (!char.IsLetterOrDigit(c) && c is not ('_' or '|' or '*' or '@' or '.' or '+' or '/' or '-'))
            {
                throw new ArgumentException(
                    $"An OpenFGA object id may hold only letters, digits and _ | * @ . + / -, not '{c}': '{id}'.", parameterName);
            }
        }

        return id;
    }

    /// <summary>The id of a numeric key, written in invariant culture.</summary>
    /// <param name="id">The key.</param>
    public static string Format(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The id of a <see cref="Guid"/> key, in the lower-case <c>D</c> format (<c>0f8fad5b-d9cb-469f-a165-70867728950e</c>).</summary>
    /// <param name="id">The key.</param>
    public static string Format(Guid id) => id.ToString("D");

    /// <summary>The exception for a generated object or relation value that is <c>default</c> rather than made by a factory.</summary>
    /// <param name="type">The model type of the value.</param>
    public static InvalidOperationException NotInitialized(string type) =>
        new($"This {type} value is default(T): create objects with the factories of the generated Fga class.");
}
