namespace DbaaS.Core.Identity;

/// <summary>
/// The identity backend could not give an answer (unreachable, timed out, 5xx, or it rejected
/// DbaaS's own service credentials). Distinct from an invalid token so the API answers 503, not 401:
/// a caller whose token is fine must not be told to log in again because Keystone is down.
/// </summary>
public sealed class IdentityBackendUnavailableException : Exception
{
    public IdentityBackendUnavailableException(string message)
        : base(message)
    {
    }

    public IdentityBackendUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
