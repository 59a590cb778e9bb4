namespace DbaaS.Api.Faults;

/// <summary>Bodiless errors from routing (no route, wrong method) become faults too.</summary>
public static class StatusCodeFaults
{
    public static async Task WriteAsync(HttpContext context)
    {
        var fault = context.Response.StatusCode switch
        {
            404 => Fault.NotFound($"The resource could not be found: {context.Request.Method} {context.Request.Path}."),
            405 => Fault.MethodNotAllowed($"The method {context.Request.Method} is not allowed for {context.Request.Path}."),
            415 => Fault.UnsupportedMediaType("The request body must be application/json."),
            400 => Fault.BadRequest("The request is malformed."),
            401 => Fault.Unauthorized("The request you have made requires authentication."),
            403 => Fault.Forbidden("You are not authorized to perform the requested action."),
            413 => Fault.BadRequest("The request body is too large."),
            _ => null,
        };
        if (fault is not null) await FaultWriter.WriteAsync(context, fault);
    }
}
