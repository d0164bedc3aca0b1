using Microsoft.AspNetCore.Authentication;
using WebSample;
using WebSample.Endpoints;
using WebSample.Operations;

var builder = WebApplication.CreateBuilder(args);

// The typed client: Fga is generated from model.fga at build time; AddFga reads the "Fga" section.
builder.Services.AddFga(Fga.Model);
// Degraded while dead letters exist, the oldest pending operation is overdue, or more than 1,000 wait.
builder.Services.AddHealthChecks().AddFgaWriteBehind(health => health.MaxPending = 1_000);

// Operators call /fga with the key of Sample:OperatorApiKey in X-Api-Key (appsettings.Development.json has a
// development key; elsewhere set it from a secret store). Without a key configured, /fga refuses everyone.
builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization(options => options.AddPolicy("FgaOperators", policy => policy
    .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
    .RequireAuthenticatedUser()));

var app = builder.Build();

app.MapGet("/", () => Results.Text(
    "TypedFga sample. Try: POST /documents/roadmap/editors/anne, GET /documents/roadmap/can-edit/anne, GET /documents/roadmap/editors, GET /users/anne/documents, GET /fga/status (with X-Api-Key), or the status page at /fga/",
    "text/plain"));
app.MapDocumentEndpoints();
app.MapTeamEndpoints();
// GET /fga/ is the status page; /fga/status, /fga/pending, /fga/flush, /fga/dead-letters ... the JSON endpoints.
app.MapFgaWriteBehind("/fga", options => options.AuthorizationPolicy = "FgaOperators");
app.MapHealthChecks("/health");

app.Run();

/// <summary>The sample's entry point, visible to integration tests.</summary>
public partial class Program;
