using System.Text.Json.Nodes;
using DbaaS.Api.OpenApi;
using Microsoft.OpenApi;

namespace DbaaS.Tests.OpenApi;

public sealed class ExampleSchemaTests
{
    private static OpenApiSchema Infer(params string[] examples) => ExampleSchema.Infer(examples.Select(e => JsonNode.Parse(e)));

    private static OpenApiSchema Property(OpenApiSchema schema, string name) => (OpenApiSchema)schema.Properties![name];

    [Fact]
    public void Objects_give_properties_with_the_types_of_their_values()
    {
        var schema = Infer("""{"name": "m1.small", "ram": 2048, "ratio": 0.5, "big": 4294967295, "active": true, "tags": ["a"]}""");
        Assert.Equal(JsonSchemaType.Object, schema.Type);
        Assert.Equal(JsonSchemaType.String, Property(schema, "name").Type);
        Assert.Equal(JsonSchemaType.Integer, Property(schema, "ram").Type);
        Assert.Equal(JsonSchemaType.Number, Property(schema, "ratio").Type);
        Assert.Equal(JsonSchemaType.Integer, Property(schema, "big").Type);
        Assert.Equal(JsonSchemaType.Boolean, Property(schema, "active").Type);
        Assert.Equal(JsonSchemaType.Array, Property(schema, "tags").Type);
        Assert.Equal(JsonSchemaType.String, Property(schema, "tags").Items!.Type);
    }

    [Fact]
    public void A_number_written_with_a_fraction_or_exponent_is_not_an_integer()
    {
        Assert.Equal(JsonSchemaType.Number, Property(Infer("""{"n": 0.0}"""), "n").Type);
        Assert.Equal(JsonSchemaType.Number, Property(Infer("""{"n": 1e3}"""), "n").Type);
    }

    [Fact]
    public void Array_items_merge_every_element()
    {
        var schema = Infer("""{"params": [{"name": "a", "min": 1}, {"name": "b", "allowed_values": ["x"]}, {"name": "c", "min": 0.5}]}""");
        var item = (OpenApiSchema)Property(schema, "params").Items!;
        Assert.Equal(["allowed_values", "min", "name"], item.Properties!.Keys.Order());
        Assert.Equal(JsonSchemaType.Number, Property(item, "min").Type);
    }

    [Fact]
    public void Null_makes_a_field_nullable_and_another_example_gives_its_type()
    {
        var schema = Infer("""{"image": null}""", """{"image": "42706631"}""");
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, Property(schema, "image").Type);
        Assert.Equal(JsonSchemaType.Null, Property(Infer("""{"image": null}"""), "image").Type);
    }

    [Fact]
    public void Mixed_kinds_allow_each_kind()
    {
        var schema = Infer("""{"flavors": [{"id": 1}, {"id": "m1.custom"}]}""");
        var id = Property((OpenApiSchema)Property(schema, "flavors").Items!, "id");
        Assert.Equal(JsonSchemaType.Integer | JsonSchemaType.String, id.Type);
    }

    [Fact]
    public void An_empty_array_allows_any_items_until_another_example_shows_some()
    {
        Assert.Null(Property(Infer("""{"tags": []}"""), "tags").Items!.Type);
        var merged = Infer("""{"tags": []}""", """{"tags": ["trove"]}""");
        Assert.Equal(JsonSchemaType.String, Property(merged, "tags").Items!.Type);
    }
}
