using System.Text;
using System.Text.Json;
using DbaaS.Api.Http;
using Microsoft.AspNetCore.Http;

namespace DbaaS.Tests.Http;

public sealed class PooledJsonAnswerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(5_000)] // about 1 MB: the buffer moves to larger rented arrays several times
    public async Task The_answer_is_the_json_written_with_its_length_whatever_its_size(int items)
    {
        var answer = PooledJsonAnswer.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("instances");
            for (var i = 0; i < items; i++)
            {
                writer.WriteStartObject();
                writer.WriteString("id", Guid.Empty.ToString());
                writer.WriteNumber("n", i);
                writer.WriteString("name", new string('x', 150) + "é<\"");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        context.Response.Body = body;

        await answer.ExecuteAsync(context);

        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
        Assert.Equal(body.Length, context.Response.ContentLength);
        using var parsed = JsonDocument.Parse(body.ToArray());
        var instances = parsed.RootElement.GetProperty("instances");
        Assert.Equal(items, instances.GetArrayLength());
        for (var i = 0; i < items; i++)
        {
            Assert.Equal(i, instances[i].GetProperty("n").GetInt32());
            Assert.Equal(new string('x', 150) + "é<\"", instances[i].GetProperty("name").GetString());
        }
        Assert.DoesNotContain("é", Encoding.UTF8.GetString(body.ToArray())); // escaped as the serializer does
    }
}
