using System.Diagnostics;
using DbaaS.Core.Errors;
using DbaaS.Api.RateLimiting;

namespace DbaaS.Api.Faults;

/// <summary>
/// Every failure leaves as a fault body: known exceptions as their fault, anything else as a 500 that names the
/// request id (to find the logged stack trace) and shows no internals.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception exception)
        {
            if (context.Response.HasStarted) throw;
            var fault = FaultMapper.FromException(exception);
            if (fault is null)
            {
                var requestId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
                logger.LogError(exception, "Unhandled error on {Method} {Path} (request {RequestId})",
                    context.Request.Method, context.Request.Path, requestId);
                fault = Fault.ServerError($"The server has either erred or is incapable of performing the requested operation. Request id: {requestId}");
            }
            else if (exception is ServiceUnavailableException or DbaaS.Core.Identity.IdentityBackendUnavailableException)
                logger.LogWarning(exception, "Dependency unavailable on {Method} {Path}", context.Request.Method, context.Request.Path);
            else if (exception is GuestOperationFailedException)
                logger.LogWarning("Guest operation failed on {Method} {Path}: {Message}", context.Request.Method, context.Request.Path, exception.Message);

            context.Response.Clear();
            if (exception is OverLimitException { RetryAfter: { } retryAfter })
                context.Response.Headers.RetryAfter = RateLimitHeaders.Seconds(retryAfter);
            await FaultWriter.WriteAsync(context, fault);
        }
    }
}
