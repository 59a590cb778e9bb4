using System.Buffers;
using System.Text.Json;

namespace DbaaS.Api.Http;

/// <summary>
/// A JSON answer written into buffers rented from <see cref="ArrayPool{T}.Shared"/> and given back once sent.
/// A page of 1,000 instances is about 1 MB: a growing array of its own would be allocated four times on the large
/// object heap per request, and each such allocation brings a full collection nearer (docs/benchmarks.md).
/// The whole answer is written before a byte is sent, so a failure while writing still becomes a fault, and the
/// answer carries its Content-Length.
/// </summary>
public sealed class PooledJsonAnswer : IResult
{
    readonly Buffer _buffer = new();

    public static PooledJsonAnswer Write(Action<Utf8JsonWriter> write)
    {
        var answer = new PooledJsonAnswer();
        // The writer's default encoder is the serializer's: answers written here escape what the serializer would.
        using (var writer = new Utf8JsonWriter(answer._buffer))
            write(writer);
        return answer;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            httpContext.Response.ContentLength = _buffer.Written.Length;
            await httpContext.Response.Body.WriteAsync(_buffer.Written, httpContext.RequestAborted);
        }
        finally
        {
            _buffer.Return();
        }
    }

    /// <summary>Only ever holds one rented array; the written bytes move to a larger one when it is full.</summary>
    sealed class Buffer : IBufferWriter<byte>
    {
        byte[] _array = ArrayPool<byte>.Shared.Rent(4096);
        int _count;

        public ReadOnlyMemory<byte> Written => _array.AsMemory(0, _count);

        public void Advance(int count) => _count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint); // first: it may replace _array
            return _array.AsMemory(_count);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _array.AsSpan(_count);
        }

        void Reserve(int sizeHint)
        {
            var needed = _count + Math.Max(sizeHint, 1);
            if (needed > _array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
                _array.AsSpan(0, _count).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_array);
                _array = larger;
            }
        }

        public void Return()
        {
            if (_array.Length == 0) return;
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            _count = 0;
        }
    }
}
