using DbaaS.Core.Errors;
using DbaaS.Core.Identity;

namespace DbaaS.Api.Faults;

/// <summary>The one place that turns an exception into what the caller sees.</summary>
public static class FaultMapper
{
    public static Fault? FromException(Exception exception) => exception switch
    {
        BadRequestException e => Fault.BadRequest(e.Message),
        UnauthorizedException e => Fault.Unauthorized(e.Message),
        ForbiddenException e => Fault.Forbidden(e.Message),
        NotFoundException e => Fault.NotFound(e.Message),
        ConflictException e => Fault.Conflict(e.Message),
        UnprocessableException e => Fault.Unprocessable(e.Message),
        OverLimitException e => Fault.OverLimit(e.Message),
        ServiceUnavailableException e => Fault.Unavailable(e.Message),
        // The guest tried and failed: its message says why, which the generic 500 would hide.
        GuestOperationFailedException e => Fault.ServerError(e.Message),
        // Keystone down is not the caller's fault: 503, so clients retry rather than re-authenticate.
        IdentityBackendUnavailableException => Fault.Unavailable("The identity service cannot validate tokens right now; try again shortly."),
        BadHttpRequestException e => Fault.BadRequest(e.Message),
        _ => null,
    };
}
