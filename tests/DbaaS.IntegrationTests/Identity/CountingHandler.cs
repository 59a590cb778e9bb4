namespace DbaaS.IntegrationTests.Identity;

/// <summary>Passes requests through to the real Keystone, counting them and noting the service token it hands out.</summary>
public sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _logins;
    private int _validations;

    public int Logins => _logins;
    public int Validations => _validations;

    /// <summary>The X-Subject-Token of the latest service login.</summary>
    public string? LastServiceToken { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post)
            Interlocked.Increment(ref _logins);
        else if (request.Method == HttpMethod.Get)
            Interlocked.Increment(ref _validations);

        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && response.Headers.TryGetValues("X-Subject-Token", out var tokens))
            LastServiceToken = tokens.Single();
        return response;
    }
}
