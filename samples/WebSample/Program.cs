var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "TypedFga sample");
app.Run();

/// <summary>Entry point, visible to integration tests.</summary>
public partial class Program;
