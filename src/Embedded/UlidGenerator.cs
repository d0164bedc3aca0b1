using System.Security.Cryptography;

namespace TypedFga.Embedded;

/// <summary>
/// Makes ULIDs (26 Crockford base-32 characters: 48-bit milliseconds then 80 random bits), as OpenFGA's store and
/// model ids are. Ids from one generator increase strictly, so "latest model" is the greatest id.
/// </summary>
internal sealed class UlidGenerator(TimeProvider timeProvider)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly Lock _gate = new();
    private long _lastTime = -1;
    private readonly byte[] _lastRandom = new byte[10];

    public string Next()
    {
        lock (_gate)
        {
            var time = Math.Max(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), _lastTime);
            if (time == _lastTime)
            {
                Increment(_lastRandom);
            }
            else
            {
                RandomNumberGenerator.Fill(_lastRandom);
                _lastRandom[0] &= 0x7F; // leave room to increment within the same millisecond
                _lastTime = time;
            }

            return Encode(time, _lastRandom);
        }
    }

    private static void Increment(byte[] value)
    {
        for (var i = value.Length - 1; i >= 0; i--)
        {
            if (++value[i] != 0)
            {
                return;
            }
        }
    }

    private static string Encode(long time, byte[] random)
    {
        Span<char> chars = stackalloc char[26];
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(time & 31)];
            time >>= 5;
        }

        // 80 random bits as 16 base-32 digits.
        var bits = new System.Numerics.BigInteger(random, isUnsigned: true, isBigEndian: true);
        for (var i = 25; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }
}
