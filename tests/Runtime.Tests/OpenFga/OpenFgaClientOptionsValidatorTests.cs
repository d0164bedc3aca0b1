using TypedFga.OpenFga;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaClientOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new OpenFgaClientOptionsValidator().Validate(null, new OpenFgaClientOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_configuration_key()
    {
        var options = new OpenFgaClientOptions
        {
            ApiUrl = new Uri("ftp://fga.example"),
            StoreId = "not-a-ulid",
            AuthorizationModelId = "01hvmmbd123dz1a0m7vntspkk6",
            RequestTimeout = TimeSpan.Zero,
            ConnectTimeout = TimeSpan.FromSeconds(-1),
            MaxRetry = 16,
            MinWaitInMs = 0,
            MaxBatchCheckSize = 51,
            MaxParallelRequests = 0,
            Credentials = new OpenFgaCredentials { Method = OpenFgaCredentialsMethod.ClientCredentials, ApiTokenIssuer = "bad issuer" },
        };

        var failures = new OpenFgaClientOptionsValidator().Validate(null, options).Failures!.ToArray();

        Assert.Equal(
            [
                "Fga:ApiUrl must be an absolute http or https URL (was 'ftp://fga.example/').",
                "Fga:StoreId 'not-a-ulid' is not an OpenFGA id (26 characters of Crockford base32, upper case).",
                "Fga:AuthorizationModelId '01hvmmbd123dz1a0m7vntspkk6' is not an OpenFGA id (26 characters of Crockford base32, upper case).",
                "Fga:RequestTimeout must be between 00:00:00.0100000 and 1.00:00:00, or infinite (was 00:00:00).",
                "Fga:ConnectTimeout must be positive (was -00:00:01).",
                "Fga:MaxRetry must be between 0 and 15 (was 16).",
                "Fga:MinWaitInMs must be positive (was 0).",
                "Fga:MaxBatchCheckSize must be between 1 and 50 (was 51).",
                "Fga:MaxParallelRequests must be at least 1 (was 0).",
                "Fga:Credentials:ClientId is required when Fga:Credentials:Method is ClientCredentials.",
                "Fga:Credentials:ClientSecret is required when Fga:Credentials:Method is ClientCredentials.",
                "Fga:Credentials:ApiTokenIssuer 'bad issuer' is not a valid URL or host name.",
            ],
            failures);
    }

    [Fact]
    public void An_api_token_is_required_for_the_api_token_method_and_keys_follow_the_section_name()
    {
        var options = new OpenFgaClientOptions { Credentials = new OpenFgaCredentials { Method = OpenFgaCredentialsMethod.ApiToken } };

        var failure = Assert.Single(new OpenFgaClientOptionsValidator("Authorization:OpenFga").Validate(null, options).Failures!);

        Assert.Equal("Authorization:OpenFga:Credentials:ApiToken is required when Authorization:OpenFga:Credentials:Method is ApiToken.", failure);
    }

    [Fact]
    public void Create_refuses_invalid_options_with_every_message()
    {
        var options = new OpenFgaClientOptions { MaxRetry = -1, MinWaitInMs = -5 };

        var error = Assert.Throws<ArgumentException>(() => OpenFgaHttpClient.Create(options));

        Assert.Contains("Fga:MaxRetry", error.Message);
        Assert.Contains("Fga:MinWaitInMs", error.Message);
    }
}
