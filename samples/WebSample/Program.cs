using WebSample;
using WebSample.Endpoints;

var builder = WebApplication.CreateBuilder(args);

// The typed client: Fga is generated from model.fga at build time; AddFga reads the "Fga" section.
builder.Services.AddFga(Fga.Model);
// Degraded while dead letters exist, the oldest pending operation is overdue, or more than 1,000 wait.
builder.Services.AddHealthChecks().AddFgaWriteBehind(health => health.MaxPending = 1_000);

var app = builder.Build();

app.MapGet("/", () => Results.Text(
    "TypedFga sample. Try: POST /documents/roadmap/editors/anne, GET /documents/roadmap/can-edit/anne, GET /documents/roadmap/editors, GET /users/anne/documents, GET /fga/status",
    "text/plain"));
app.MapDocumentEndpoints();
app.MapTeamEndpoints();
app.MapWriteBehindEndpoints();
app.MapHealthChecks("/health");

app.Run();

/// <summary>The sample's entry point, visible to integration tests.</summary>
public partial class Program;
