namespace WebSample.Endpoints;

/// <summary>Team membership, which documents and folders can grant to as a whole.</summary>
internal static class TeamEndpoints
{
    public static void MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/teams/{team}/members/{user}", async (string team, string user) =>
        {
            await Fga.Team(team).Members.Grant(Fga.User(user));
            return Results.Accepted();
        });

        // Nested teams: every member of the child team is a member of the parent.
        app.MapPost("/teams/{team}/members/teams/{child}", async (string team, string child) =>
        {
            await Fga.Team(team).Members.Grant(Fga.Team(child).Members);
            return Results.Accepted();
        });

        app.MapDelete("/teams/{team}/members/{user}", async (string team, string user) =>
        {
            await Fga.Team(team).Members.Revoke(Fga.User(user));
            return Results.Accepted();
        });
    }
}
