using System.Collections.Frozen;

namespace DbaaS.Api.OpenApi;

/// <summary>Every route's <see cref="RouteDoc"/>, by method and path.</summary>
public static class RouteDocs
{
    public static readonly FrozenDictionary<string, RouteDoc> All =
        new[]
            {
                VersionDocs.Routes, HealthDocs.Routes, IdentityDocs.Routes, FlavorDocs.Routes, DatastoreDocs.Routes,
                DatastoreVersionMgmtDocs.Routes, LimitDocs.Routes, QuotaDocs.Routes, InstanceDocs.Routes, InstanceMgmtDocs.Routes,
                DatabaseDocs.Routes, UserDocs.Routes, RootDocs.Routes,
            }
            .SelectMany(routes => routes)
            .ToFrozenDictionary(doc => doc.Route, StringComparer.Ordinal);

    public static string Key(string method, string path) => $"{method.ToUpperInvariant()} {path}";

    /// <summary>A route pattern as the document writes it: one leading slash, none trailing.</summary>
    public static string PathOf(string? pattern) => "/" + (pattern ?? "").Trim('/');
}
