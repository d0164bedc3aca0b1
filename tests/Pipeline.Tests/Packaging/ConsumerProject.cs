namespace TypedFga.Pipeline.Tests.Packaging;

/// <summary>
/// An application outside the repository that references packed packages only: the packed feed first, everything they
/// depend on from the machine's usual sources, and a small model of its own for the packed generator.
/// </summary>
public static class ConsumerProject
{
    public const string Model = """
        model
          schema 1.1

        type user

        type document
          relations
            define viewer: [user]
        """;

    /// <summary>Writes the project into <paramref name="folder"/> and returns the folder.</summary>
    public static string Write(string folder, string sdk, string feed, string version, IEnumerable<string> packages, string program)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="packed" value="{feed}" /></packageSources></configuration>
            """);
        var references = packages
            .Select(p => $"""<PackageReference Include="{p}" Version="{version}" />""")
            .Append("""<PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />""");
        File.WriteAllText(Path.Combine(folder, "Consumer.csproj"), $"""
            <Project Sdk="{sdk}">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                {string.Join(Environment.NewLine + "    ", references)}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "model.fga"), Model);
        File.WriteAllText(Path.Combine(folder, "Program.cs"), program);
        return folder;
    }
}
