namespace TypedFga.Language.Tests;

/// <summary>Models used by several test classes, so the tests also run without OpenFGA's reference data.</summary>
internal static class SampleModels
{
    public const string Conditions = """
        model
          schema 1.1

        type user

        type document
          relations
            define viewer: [user with all_types, user:* with all_types]

        condition all_types(b: bool, s: string, i: int, u: uint, d: double, du: duration, t: timestamp, ip: ipaddress, l: list<string>, m: map<int>) {
          b && s != "" && i > 0 && u > 0u && d > 0.0 && du > duration("1s") && t > timestamp("2020-01-01T00:00:00Z")
            && ip.in_cidr("10.0.0.0/8") && "a" in l && m["k"] > 1
        }
        """;

    public const string MixedOperators = """
        model
          schema 1.1
        type user
        type folder
          relations
            define parent: [folder]
            define owner: [user]
            define blocked: [user]
            define viewer: ([user, user:*] or owner or viewer from parent) but not blocked
            define auditor: (owner and viewer) or (owner but not blocked)
        """;
}
