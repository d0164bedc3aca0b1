namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>A server that requires one of two preshared keys.</summary>
public sealed class PresharedServerFixture : ServerFixture
{
    public const string FirstKey = "first-key-0123456789";
    public const string SecondKey = "second-key-9876543210";

    protected override IEnumerable<string> Arguments =>
        ["--Authn:Method=preshared", $"--Authn:PresharedKeys={FirstKey},{SecondKey}"];
}
