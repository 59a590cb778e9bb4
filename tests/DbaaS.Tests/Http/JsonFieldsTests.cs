using System.Text.Json;
using DbaaS.Api.Http;
using DbaaS.Core.Errors;

namespace DbaaS.Tests.Http;

public sealed class JsonFieldsTests
{
    private static JsonFields Parse(string json) => JsonFields.Root(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Reads_nested_fields_and_names_the_path_when_one_is_missing()
    {
        var body = Parse("""{"flavor":{"name":"x"}}""");
        var flavor = body.Object("flavor");
        Assert.Equal("x", flavor.String("name"));
        var error = Assert.Throws<BadRequestException>(() => flavor.Int("ram", 1, 10));
        Assert.Equal("Missing field 'flavor.ram': an integer is required.", error.Message);
    }

    [Theory]
    [InlineData("""{"n": "5"}""", "expected an integer, got a string")]
    [InlineData("""{"n": 5.5}""", "expected an integer, got a number")]
    [InlineData("""{"n": 99}""", "is 99; it must be between 1 and 10")]
    [InlineData("""{"n": true}""", "expected an integer, got a boolean")]
    public void Refuses_wrong_integers_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<BadRequestException>(() => Parse(json).Int("n", 1, 10));
        Assert.Contains(reason, error.Message);
        Assert.Contains("'n'", error.Message);
    }

    [Fact]
    public void Accepts_numeric_strings_only_when_asked()
    {
        Assert.Equal(5, Parse("""{"n": "5"}""").Int("n", 1, 10, acceptString: true));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void Booleans_accept_Troves_0_and_1(string value, bool expected)
    {
        Assert.Equal(expected, Parse($$"""{"b": {{value}}}""").OptionalBool("b"));
    }

    [Fact]
    public void Two_is_not_a_boolean()
    {
        Assert.Throws<BadRequestException>(() => Parse("""{"b": 2}""").OptionalBool("b"));
    }

    [Fact]
    public void Unknown_fields_are_refused_by_name()
    {
        var body = Parse("""{"name":"x","colour":"red"}""");
        body.String("name");
        var error = Assert.Throws<BadRequestException>(body.RejectUnknown);
        Assert.Contains("'colour'", error.Message);
    }

    [Fact]
    public void Strings_are_checked_for_emptiness_and_length()
    {
        Assert.Contains("must not be empty", Assert.Throws<BadRequestException>(() => Parse("""{"s":"  "}""").String("s")).Message);
        Assert.Contains("limit is 3", Assert.Throws<BadRequestException>(() => Parse("""{"s":"abcd"}""").String("s", 3)).Message);
    }

    [Fact]
    public void A_non_object_body_is_refused()
    {
        Assert.Contains("JSON object", Assert.Throws<BadRequestException>(() => Parse("[1]")).Message);
    }

    [Fact]
    public void String_lists_refuse_non_string_items()
    {
        Assert.Contains("array of strings", Assert.Throws<BadRequestException>(() => Parse("""{"l":["a",1]}""").OptionalStringList("l")).Message);
        Assert.Equal(["a", "b"], Parse("""{"l":["a","b"]}""").OptionalStringList("l"));
    }
}
