using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace TypedFga.OpenFga;

/// <summary>
/// Validates <see cref="OpenFgaClientOptions"/> at start and reports every problem at once, each
/// with the configuration key to fix (<c>Fga:Credentials:ClientSecret is required when ...</c>).
/// </summary>
public sealed partial class OpenFgaClientOptionsValidator : IValidateOptions<OpenFgaClientOptions>
{
    /// <summary>The most retries allowed, as in the OpenFGA SDKs.</summary>
    public const int MaxRetryLimit = 15;

    /// <summary>The most checks the server accepts in one BatchCheck by default.</summary>
    public const int MaxBatchCheckSizeLimit = 50;

    // The range the resilience pipeline's timeout strategy accepts.
    private static readonly TimeSpan MinRequestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromHours(24);

    private readonly string _prefix;

    /// <summary>Creates a validator whose messages name keys under <paramref name="sectionName"/>.</summary>
    public OpenFgaClientOptionsValidator(string sectionName = OpenFgaClientOptions.SectionName)
    {
        _prefix = string.IsNullOrEmpty(sectionName) ? string.Empty : sectionName + ":";
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OpenFgaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.ApiUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{_prefix}ApiUrl must be an absolute http or https URL (was '{options.ApiUrl}').");
        }

        CheckId(failures, "StoreId", options.StoreId);
        CheckId(failures, "AuthorizationModelId", options.AuthorizationModelId);
        if (options.RequestTimeout != Timeout.InfiniteTimeSpan
            && (options.RequestTimeout < MinRequestTimeout || options.RequestTimeout > MaxRequestTimeout))
        {
            failures.Add($"{_prefix}RequestTimeout must be between {MinRequestTimeout} and {MaxRequestTimeout}, or infinite (was {options.RequestTimeout}).");
        }

        CheckPositive(failures, "ConnectTimeout", options.ConnectTimeout);

        if (options.MaxRetry is < 0 or > MaxRetryLimit)
        {
            failures.Add($"{_prefix}MaxRetry must be between 0 and {MaxRetryLimit} (was {options.MaxRetry}).");
        }

        if (options.MinWaitInMs <= 0)
        {
            failures.Add($"{_prefix}MinWaitInMs must be positive (was {options.MinWaitInMs}).");
        }

        if (options.MaxBatchCheckSize is < 1 or > MaxBatchCheckSizeLimit)
        {
            failures.Add($"{_prefix}MaxBatchCheckSize must be between 1 and {MaxBatchCheckSizeLimit} (was {options.MaxBatchCheckSize}).");
        }

        if (options.MaxParallelRequests < 1)
        {
            failures.Add($"{_prefix}MaxParallelRequests must be at least 1 (was {options.MaxParallelRequests}).");
        }

        ValidateCredentials(failures, options.Credentials);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateCredentials(List<string> failures, OpenFgaCredentials? credentials)
    {
        var key = _prefix + "Credentials:";
        if (credentials is null)
        {
            failures.Add($"{key[..^1]} must not be null.");
            return;
        }

        switch (credentials.Method)
        {
            case OpenFgaCredentialsMethod.None:
                break;
            case OpenFgaCredentialsMethod.ApiToken:
                Require(failures, key, "ApiToken", credentials.ApiToken, "ApiToken");
                break;
            case OpenFgaCredentialsMethod.ClientCredentials:
                Require(failures, key, "ApiTokenIssuer", credentials.ApiTokenIssuer, "ClientCredentials");
                Require(failures, key, "ClientId", credentials.ClientId, "ClientCredentials");
                Require(failures, key, "ClientSecret", credentials.ClientSecret, "ClientCredentials");
                if (!string.IsNullOrWhiteSpace(credentials.ApiTokenIssuer) && TokenEndpoint.TryResolve(credentials.ApiTokenIssuer) is null)
                {
                    failures.Add($"{key}ApiTokenIssuer '{credentials.ApiTokenIssuer}' is not a valid URL or host name.");
                }

                break;
            default:
                failures.Add($"{key}Method '{credentials.Method}' is not one of None, ApiToken, ClientCredentials.");
                break;
        }
    }

    private static void Require(List<string> failures, string key, string property, string? value, string method)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{key}{property} is required when {key}Method is {method}.");
        }
    }

    private void CheckId(List<string> failures, string property, string? value)
    {
        if (value is not null && !UlidPattern().IsMatch(value))
        {
            failures.Add($"{_prefix}{property} '{value}' is not an OpenFGA id (26 characters of Crockford base32, upper case).");
        }
    }

    private void CheckPositive(List<string> failures, string property, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"{_prefix}{property} must be positive (was {value}).");
        }
    }

    [GeneratedRegex("^[ABCDEFGHJKMNPQRSTVWXYZ0-9]{26}$", RegexOptions.CultureInvariant)]
    private static partial Regex UlidPattern();
}
