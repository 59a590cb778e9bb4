using System.Text.Json;
using DbaaS.Api.Http;
using DbaaS.Api.Identity;
using DbaaS.Core.Datastores;
using DbaaS.Core.Errors;

namespace DbaaS.Api.Flavors;

public static class FlavorsApi
{
    public static RouteGroupBuilder MapFlavorsApi(this RouteGroupBuilder tenant)
    {
        var flavors = tenant.MapGroup("/flavors").WithTags("Flavors");
        flavors.MapGet("", List).WithName("ListFlavors").WithSummary("List flavors");
        flavors.MapGet("/{flavor_id}", Show).WithName("ShowFlavor").WithSummary("Show a flavor");

        var mgmt = tenant.MapGroup("/mgmt/flavors").WithTags("Management: flavors").RequireAdmin();
        mgmt.MapPost("", Create).WithName("CreateFlavor").WithSummary("Create a flavor");
        mgmt.MapDelete("/{flavor_id}", Delete).WithName("DeleteFlavor").WithSummary("Delete a flavor");
        return tenant;
    }

    private static async Task<IResult> List(string tenant_id, HttpRequest request, CatalogCache catalog, PublicUrls urls)
    {
        var snapshot = await catalog.GetAsync(request.HttpContext.RequestAborted);
        var body = snapshot.Rendered($"flavors|{tenant_id}|{urls.Base(request)}", () =>
            JsonSerializer.SerializeToUtf8Bytes(new { flavors = snapshot.Flavors.Select(f => FlavorViews.Flavor(f, request, urls, tenant_id)) }));
        return Results.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<IResult> Show(string tenant_id, string flavor_id, HttpRequest request, CatalogCache catalog, PublicUrls urls)
    {
        var snapshot = await catalog.GetAsync(request.HttpContext.RequestAborted);
        var flavor = snapshot.FindFlavor(flavor_id) ?? throw new NotFoundException($"Flavor {flavor_id} could not be found.");
        return Results.Json(new { flavor = FlavorViews.Flavor(flavor, request, urls, tenant_id) });
    }

    private static async Task<IResult> Create(string tenant_id, HttpRequest request, CatalogAdmin admin, PublicUrls urls)
    {
        var flavor = FlavorRequests.ReadCreate(await JsonBody.ReadAsync(request, request.HttpContext.RequestAborted));
        await admin.CreateFlavorAsync(flavor, request.HttpContext.RequestAborted);
        return Results.Json(new { flavor = FlavorViews.Flavor(flavor, request, urls, tenant_id) });
    }

    private static async Task<IResult> Delete(string flavor_id, HttpRequest request, CatalogAdmin admin)
    {
        await admin.DeleteFlavorAsync(flavor_id, request.HttpContext.RequestAborted);
        return Results.Accepted();
    }
}
