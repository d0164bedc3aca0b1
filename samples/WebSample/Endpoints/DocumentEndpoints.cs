using TypedFga.Typed;
using WebSample.FgaTypes;

namespace WebSample.Endpoints;

/// <summary>Sharing documents through the generated, typed client.</summary>
internal static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/documents/{id}");

        // Write-behind: returns once the grant is durable in the outbox; a flush sends it later.
        documents.MapPost("/editors/{user}", async (string id, string user) =>
        {
            await Fga.Document(id).Editors.Grant(Fga.User(user));
            return Results.Accepted();
        });

        documents.MapDelete("/editors/{user}", async (string id, string user) =>
        {
            await Fga.Document(id).Editors.Revoke(Fga.User(user));
            return Results.Accepted();
        });

        // A whole team: the subject is the userset team:<team>#member.
        documents.MapPost("/editors/teams/{team}", async (string id, string team) =>
        {
            await Fga.Document(id).Editors.Grant(Fga.Team(team).Members);
            return Results.Accepted();
        });

        // owner is marked # @critical in the model: it is always written through.
        documents.MapPut("/owner/{user}", async (string id, string user) =>
        {
            await Fga.Document(id).Owners.GrantNow(Fga.User(user));
            return Results.NoContent();
        });

        documents.MapPost("/public", async (string id) =>
        {
            await Fga.Document(id).Viewers.Grant(Fga.AnyUser);
            return Results.Accepted();
        });

        // Time-limited sharing through the model's non_expired condition.
        documents.MapPost("/viewers/{user}", async (string id, string user, int? hours, TimeProvider clock) =>
        {
            var viewers = Fga.Document(id).Viewers;
            if (hours is { } limit)
            {
                await viewers.Grant(Fga.User(user), new NonExpiredCondition(grantTime: clock.GetUtcNow(), grantDuration: TimeSpan.FromHours(limit)));
            }
            else
            {
                await viewers.Grant(Fga.User(user));
            }

            return Results.Accepted();
        });

        documents.MapPut("/blocked/{user}", async (string id, string user) =>
        {
            await Fga.Document(id).Blocked.Grant(Fga.User(user));
            return Results.Accepted();
        });

        documents.MapGet("/can-view/{user}", async (string id, string user, TimeProvider clock) =>
            Results.Ok(new { allowed = await Fga.Document(id).CanView.Check(Fga.User(user), Now(clock)) }));

        documents.MapGet("/can-edit/{user}", async (string id, string user) =>
            Results.Ok(new { allowed = await Fga.Document(id).CanEdit.Check(Fga.User(user)) }));

        // A share dialog: who can edit, as users and as whole teams; pending grants and revokes show at once.
        documents.MapGet("/editors", async (string id) =>
        {
            var users = await Fga.Document(id).CanEdit.Users<User>();
            var teams = await Fga.Document(id).CanEdit.Users<TeamMembers>();
            return Results.Ok(new
            {
                users = users.Select(u => u.Id).Order(StringComparer.Ordinal),
                teams = teams.Select(t => FgaParsedSubject.Parse(t.Subject).Id).Order(StringComparer.Ordinal),
            });
        });

        // A listing page: the documents a user may view, through teams, folders and public shares.
        app.MapGet("/users/{user}/documents", async (string user, TimeProvider clock) =>
        {
            var visible = await Fga.Documents.WhereCanView(Fga.User(user), Now(clock));
            return Results.Ok(new { documents = visible.Select(d => d.Id).Order(StringComparer.Ordinal) });
        });
    }

    // The non_expired condition compares the request's current_time with the grant's window.
    private static Dictionary<string, object?> Now(TimeProvider clock) => new() { ["current_time"] = clock.GetUtcNow() };
}
