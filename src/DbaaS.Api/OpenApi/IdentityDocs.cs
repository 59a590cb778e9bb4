namespace DbaaS.Api.OpenApi;

/// <summary>The Keystone v3 subset: version, tokens, projects, users, roles and role assignments.</summary>
public static class IdentityDocs
{
    private const string AdminRequired = "You are not authorized to perform the requested action: admin required.";
    private const string AdminOnly = "Admin only.";

    private static readonly ParamDoc SubjectToken =
        new("X-Subject-Token", "The token to look at or revoke. Callers may name their own; admins any.", Required: true);

    private static readonly ParamDoc NoCatalog =
        new("nocatalog", "Present (with any value or none): leave the service catalog out of the token.");

    private static readonly Sample WithoutCatalog = new("With ?nocatalog", TokenWithoutCatalog);

    public static readonly IReadOnlyList<RouteDoc> Routes =
    [
        new("GET /v3") { Anonymous = true, Response = Version },

        new("POST /v3/auth/tokens")
        {
            Anonymous = true, Status = 201, Request = PasswordAuth, Response = Token,
            RequestVariants = [new("Scoped to a project by id, the user by id", PasswordAuthById)],
            ResponseVariants = [WithoutCatalog],
            Description = "Logs in with the password method; the token comes back in the X-Subject-Token header. " +
                          "DbaaS issues project-scoped tokens only: without a scope, the user's default project is used.",
            Query = [NoCatalog],
            ResponseHeaders = [new("X-Subject-Token", "The new token: send it as X-Auth-Token.")],
            Errors =
            [
                new(400, "Invalid field 'auth.identity.password.user.name': the user's name or id is required."),
                new(401, "The request you have made requires authentication."),
            ],
        },
        new("GET /v3/auth/tokens")
        {
            Response = Token, ResponseVariants = [WithoutCatalog], Query = [NoCatalog], Headers = [SubjectToken],
            Errors =
            [
                new(400, "The X-Subject-Token header is required."),
                new(403, "You are not authorized to perform the requested action: identity:validate_token."),
                new(404, "Could not find token."),
            ],
        },
        new("HEAD /v3/auth/tokens")
        {
            Headers = [SubjectToken], Description = "200 when the subject token is valid; no body.",
            Errors = [400, 403, 404],
        },
        new("DELETE /v3/auth/tokens")
        {
            Status = 204, Headers = [SubjectToken],
            Errors =
            [
                new(400, "The X-Subject-Token header is required."),
                new(403, "You are not authorized to perform the requested action: identity:validate_token."),
                new(404, "Could not find token."),
            ],
        },
        new("GET /v3/auth/projects") { Response = OwnProjects, Description = "The token's project: the one project a token can use." },

        new("GET /v3/projects")
        {
            Response = Projects, Description = AdminOnly, Query = [new("name", "Only the project with this name.")],
            Errors = [new(403, AdminRequired)],
        },
        new("POST /v3/projects")
        {
            Status = 201, Request = NewProject, Response = CreatedProject, Description = AdminOnly,
            Errors =
            [
                new(400, "Invalid field 'project.domain_id': DbaaS has one domain, 'default'."),
                new(403, AdminRequired),
                new(409, "Duplicate entry found with name analytics at domain ID default."),
            ],
        },
        new("GET /v3/projects/{project_id}")
        {
            Response = Project, Description = "Admins may look at any project; others at their token's project.",
            Errors =
            [
                new(403, "You are not authorized to perform the requested action: identity:get_project."),
                new(404, "Could not find project: 3c6e2a0b9d4f4e1a8b7c5d2e1f0a9b8c."),
            ],
        },
        new("GET /v3/users")
        {
            Response = Users, Description = AdminOnly, Query = [new("name", "Only the user with this name.")],
            Errors = [new(403, AdminRequired)],
        },
        new("POST /v3/users")
        {
            Status = 201, Request = NewUser, Response = CreatedUser,
            Description = $"{AdminOnly} The password needs at least 8 characters. Give the user a role on a project " +
                          "(PUT .../roles/{role_id}) before it logs in.",
            Errors =
            [
                new(400, "Invalid field 'user.password': must be at least 8 characters long."),
                new(403, AdminRequired),
                new(409, "Duplicate entry found with name alice at domain ID default."),
            ],
        },
        new("GET /v3/roles") { Response = Roles, Query = [new("name", "Only the role with this name.")] },
        new("GET /v3/roles/{role_id}")
        {
            Response = Role, Description = "Role ids are their names: admin, member, reader.",
            Errors = [new(404, "Could not find role: owner.")],
        },
        new("GET /v3/users/{user_id}")
        {
            Response = CreatedUser, Description = "A user may look at itself; admins at anyone.",
            Errors = [new(403, "You are not authorized to perform the requested action: identity:get_user."), new(404, "Could not find user: 0123456789abcdef0123456789abcdef.")],
        },
        new("GET /v3/projects/{project_id}/users/{user_id}/roles")
        {
            Response = UserRoles, Description = $"{AdminOnly} The user's roles on the project; empty when it has none.",
            Errors = [new(403, AdminRequired)],
        },
        new("PUT /v3/projects/{project_id}/users/{user_id}/roles/{role_id}")
        {
            Status = 204, Description = $"{AdminOnly} Grants the role; granting it again changes nothing.",
            Errors = [new(403, AdminRequired), new(404, "Could not find user: 0184c90c837343a78b0ce71938fd7665.")],
        },
        new("HEAD /v3/projects/{project_id}/users/{user_id}/roles/{role_id}")
        {
            Status = 204, Description = $"{AdminOnly} 204 when the user has the role on the project, 404 when not; no body.",
            Errors = [403, 404],
        },
        new("DELETE /v3/projects/{project_id}/users/{user_id}/roles/{role_id}")
        {
            Status = 204, Description = $"{AdminOnly} Revokes the role, and with it the user's tokens on that project.",
            Errors =
            [
                new(403, AdminRequired),
                new(404, "Could not find role assignment: member for user 0184c90c837343a78b0ce71938fd7665 " +
                         "on project be1f9d94a7cf420ca744a2f877075140."),
            ],
        },
    ];

    private const string Version = """
        {
          "version": {
            "id": "v3.14",
            "status": "stable",
            "updated": "2020-04-07T00:00:00Z",
            "links": [{ "href": "https://dbaas.example.com/v3/", "rel": "self" }],
            "media-types": [{ "base": "application/json", "type": "application/vnd.openstack.identity-v3+json" }]
          }
        }
        """;

    private const string PasswordAuth = """
        {
          "auth": {
            "identity": {
              "methods": ["password"],
              "password": {
                "user": { "name": "demo", "domain": { "name": "Default" }, "password": "correct-horse-battery-staple" }
              }
            },
            "scope": { "project": { "name": "demo", "domain": { "name": "Default" } } }
          }
        }
        """;

    private const string PasswordAuthById = """
        {
          "auth": {
            "identity": {
              "methods": ["password"],
              "password": {
                "user": { "id": "0184c90c837343a78b0ce71938fd7665", "password": "correct-horse-battery-staple" }
              }
            },
            "scope": { "project": { "id": "be1f9d94a7cf420ca744a2f877075140" } }
          }
        }
        """;

    private const string Token = """
        {
          "token": {
            "methods": ["password"],
            "user": {
              "id": "0184c90c837343a78b0ce71938fd7665",
              "name": "demo",
              "domain": { "id": "default", "name": "Default" },
              "password_expires_at": null
            },
            "audit_ids": [],
            "expires_at": "2026-11-21T11:40:35.762335Z",
            "issued_at": "2026-11-20T23:40:35.762335Z",
            "project": {
              "id": "be1f9d94a7cf420ca744a2f877075140",
              "name": "demo",
              "domain": { "id": "default", "name": "Default" }
            },
            "is_domain": false,
            "roles": [{ "id": "member", "name": "member" }],
            "catalog": [
              {
                "id": "database",
                "type": "database",
                "name": "trove",
                "endpoints": [
                  { "id": "database-public", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140" },
                  { "id": "database-internal", "interface": "internal", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140" },
                  { "id": "database-admin", "interface": "admin", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v1.0/be1f9d94a7cf420ca744a2f877075140" }
                ]
              },
              {
                "id": "identity",
                "type": "identity",
                "name": "keystone",
                "endpoints": [
                  { "id": "identity-public", "interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v3" },
                  { "id": "identity-internal", "interface": "internal", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v3" },
                  { "id": "identity-admin", "interface": "admin", "region": "RegionOne", "region_id": "RegionOne", "url": "https://dbaas.example.com/v3" }
                ]
              }
            ]
          }
        }
        """;

    private const string TokenWithoutCatalog = """
        {
          "token": {
            "methods": ["password"],
            "user": {
              "id": "0184c90c837343a78b0ce71938fd7665",
              "name": "demo",
              "domain": { "id": "default", "name": "Default" },
              "password_expires_at": null
            },
            "audit_ids": [],
            "expires_at": "2026-11-21T11:40:35.762335Z",
            "issued_at": "2026-11-20T23:44:03.263530Z",
            "project": {
              "id": "be1f9d94a7cf420ca744a2f877075140",
              "name": "demo",
              "domain": { "id": "default", "name": "Default" }
            },
            "is_domain": false,
            "roles": [{ "id": "member", "name": "member" }]
          }
        }
        """;

    private const string OwnProjects = """
        {
          "projects": [
            {
              "id": "be1f9d94a7cf420ca744a2f877075140",
              "links": { "self": "https://dbaas.example.com/v3/projects/be1f9d94a7cf420ca744a2f877075140" },
              "name": "demo",
              "domain_id": "default",
              "description": "Seeded demo project",
              "enabled": true,
              "is_domain": false,
              "parent_id": "default",
              "tags": []
            }
          ]
        }
        """;

    private const string Projects = """
        {
          "projects": [
            {
              "id": "8f7a51d4e1d74d1b8b8d86ec1dc59a11",
              "links": { "self": "https://dbaas.example.com/v3/projects/8f7a51d4e1d74d1b8b8d86ec1dc59a11" },
              "name": "admin",
              "domain_id": "default",
              "description": "Seeded admin project",
              "enabled": true,
              "is_domain": false,
              "parent_id": "default",
              "tags": []
            },
            {
              "id": "be1f9d94a7cf420ca744a2f877075140",
              "links": { "self": "https://dbaas.example.com/v3/projects/be1f9d94a7cf420ca744a2f877075140" },
              "name": "demo",
              "domain_id": "default",
              "description": "Seeded demo project",
              "enabled": true,
              "is_domain": false,
              "parent_id": "default",
              "tags": []
            }
          ]
        }
        """;

    private const string Project = """
        {
          "project": {
            "id": "be1f9d94a7cf420ca744a2f877075140",
            "links": { "self": "https://dbaas.example.com/v3/projects/be1f9d94a7cf420ca744a2f877075140" },
            "name": "demo",
            "domain_id": "default",
            "description": "Seeded demo project",
            "enabled": true,
            "is_domain": false,
            "parent_id": "default",
            "tags": []
          }
        }
        """;

    private const string NewProject = """
        { "project": { "name": "analytics", "description": "Analytics team", "enabled": true, "domain_id": "default" } }
        """;

    private const string CreatedProject = """
        {
          "project": {
            "id": "ebc99f4952cc4d5ba8f696325869a2f9",
            "links": { "self": "https://dbaas.example.com/v3/projects/ebc99f4952cc4d5ba8f696325869a2f9" },
            "name": "analytics",
            "domain_id": "default",
            "description": "Analytics team",
            "enabled": true,
            "is_domain": false,
            "parent_id": "default",
            "tags": []
          }
        }
        """;

    private const string Users = """
        {
          "users": [
            {
              "id": "6d2706f6810e4464ae3c6de6b6b486ce",
              "links": { "self": "https://dbaas.example.com/v3/users/6d2706f6810e4464ae3c6de6b6b486ce" },
              "name": "admin",
              "domain_id": "default",
              "default_project_id": "8f7a51d4e1d74d1b8b8d86ec1dc59a11",
              "enabled": true,
              "password_expires_at": null
            },
            {
              "id": "0184c90c837343a78b0ce71938fd7665",
              "links": { "self": "https://dbaas.example.com/v3/users/0184c90c837343a78b0ce71938fd7665" },
              "name": "demo",
              "domain_id": "default",
              "default_project_id": "be1f9d94a7cf420ca744a2f877075140",
              "enabled": true,
              "password_expires_at": null
            },
            {
              "id": "7b1e0c2d3f4a4b5c8d9e0f1a2b3c4d5e",
              "links": { "self": "https://dbaas.example.com/v3/users/7b1e0c2d3f4a4b5c8d9e0f1a2b3c4d5e" },
              "name": "ops-robot",
              "domain_id": "default",
              "default_project_id": null,
              "enabled": false,
              "password_expires_at": null
            }
          ]
        }
        """;

    private const string NewUser = """
        {
          "user": {
            "name": "alice",
            "password": "correct-horse-battery-staple",
            "default_project_id": "be1f9d94a7cf420ca744a2f877075140",
            "enabled": true,
            "email": "alice@example.com"
          }
        }
        """;

    private const string CreatedUser = """
        {
          "user": {
            "id": "aa3fc5da67444bf58dca1df6fb525fcd",
            "links": { "self": "https://dbaas.example.com/v3/users/aa3fc5da67444bf58dca1df6fb525fcd" },
            "name": "alice",
            "domain_id": "default",
            "default_project_id": "be1f9d94a7cf420ca744a2f877075140",
            "enabled": true,
            "password_expires_at": null
          }
        }
        """;

    private const string Roles = """
        {
          "roles": [
            { "id": "admin", "name": "admin", "domain_id": null, "links": { "self": "https://dbaas.example.com/v3/roles/admin" } },
            { "id": "member", "name": "member", "domain_id": null, "links": { "self": "https://dbaas.example.com/v3/roles/member" } },
            { "id": "reader", "name": "reader", "domain_id": null, "links": { "self": "https://dbaas.example.com/v3/roles/reader" } }
          ]
        }
        """;

    private const string Role = """
        { "role": { "id": "member", "name": "member", "domain_id": null, "links": { "self": "https://dbaas.example.com/v3/roles/member" } } }
        """;

    private const string UserRoles = """
        { "roles": [{ "id": "member", "name": "member", "domain_id": null, "links": { "self": "https://dbaas.example.com/v3/roles/member" } }] }
        """;
}
