using System.Text.Json;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Http;

/// <summary>
/// Reads a request body as JSON with the checks every route needs: content type, size limit, well-formedness.
/// Field access then goes through <see cref="JsonFields"/>, which names the field in every refusal.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 256 * 1024;

    public static async Task<JsonFields> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var document = await ReadDocumentAsync(request, cancellationToken);
        return JsonFields.Root(document.RootElement);
    }

    public static async Task<JsonDocument> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var contentType = request.ContentType;
        if (contentType is null || !IsJson(contentType))
            throw new BadRequestException(
                $"The request body must be JSON: Content-Type is '{contentType ?? "(none)"}', expected 'application/json'.");
        if (request.ContentLength > MaxBytes)
            throw new BadRequestException($"The request body of {request.ContentLength} bytes exceeds the limit of {MaxBytes} bytes.");

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new BadRequestException($"The request body exceeds the limit of {MaxBytes} bytes.");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new BadRequestException("The request body is empty; a JSON object is required.");
        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The request body is not valid JSON: {ex.Message}");
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                   && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
