using System.Net.Http;
using TypedFga.Cli.Reporting;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// The OpenFGA server a command talks to, checked once before anything is sent. A flush to a server that cannot be
/// reached, or that refuses the token, would count an attempt against every operation and push each one back by its
/// backoff (towards the dead letters, with MaxAttempts): the check stops it first, with the reason.
/// </summary>
internal static class ServerConnection
{
    /// <summary>Reads <paramref name="storeId"/>'s store; fails with one clear line when the server is unreachable or refuses.</summary>
    public static async Task CheckAsync(OpenFgaHttpClient client, string storeId, CancellationToken cancellationToken)
    {
        try
        {
            await client.GetStoreAsync(storeId, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CommandFailedException($"cannot reach the OpenFGA server at {client.BaseAddress}: {exception.Message}; nothing was sent.");
        }
        catch (TimeoutException exception)
        {
            throw new CommandFailedException($"the OpenFGA server at {client.BaseAddress} did not answer: {exception.Message}; nothing was sent.");
        }
        catch (FgaApiAuthenticationException exception)
        {
            throw new CommandFailedException(
                $"the OpenFGA server at {client.BaseAddress} refused the credentials ({(int)exception.StatusCode} {exception.Code}: {exception.ServerMessage}); " +
                "pass --api-token or set Fga:Credentials; nothing was sent.");
        }
        catch (TypedFga.Backends.FgaApiException)
        {
            // The server answered: a store that is gone concerns its own operations only, which the flush reschedules.
        }
    }
}
