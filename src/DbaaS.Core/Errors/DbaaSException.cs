namespace DbaaS.Core.Errors;

/// <summary>
/// Failures a caller can act on. They name no HTTP status: the API maps each type to Trove's fault
/// (badRequest, itemNotFound, ...) in one place, <c>FaultMapper</c>.
/// </summary>
public abstract class DbaaSException(string message) : Exception(message);

public sealed class BadRequestException(string message) : DbaaSException(message);

public sealed class UnauthorizedException(string message) : DbaaSException(message);

public sealed class ForbiddenException(string message) : DbaaSException(message);

public sealed class NotFoundException(string message) : DbaaSException(message);

public sealed class ConflictException(string message) : DbaaSException(message);

public sealed class UnprocessableException(string message) : DbaaSException(message);

public sealed class OverLimitException(string message, TimeSpan? retryAfter = null) : DbaaSException(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>A dependency we cannot do without (the identity backend, the database) is unreachable.</summary>
public sealed class ServiceUnavailableException(string message, Exception? inner = null) : DbaaSException(message)
{
    public Exception? Cause { get; } = inner;
}

/// <summary>An instance's guest agent tried and failed (its message says why); not the caller's fault, 500.</summary>
public sealed class GuestOperationFailedException(string message) : DbaaSException(message);
