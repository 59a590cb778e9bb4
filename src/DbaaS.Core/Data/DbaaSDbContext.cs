using DbaaS.Core.Access;
using DbaaS.Core.Datastores;
using DbaaS.Core.Flavors;
using DbaaS.Core.Data.Outbox;
using DbaaS.Core.Identity;
using DbaaS.Core.Instances;
using DbaaS.Core.Quotas;
using Microsoft.EntityFrameworkCore;

namespace DbaaS.Core.Data;

/// <summary>The EF model of the schema that <c>migrations/*.sql</c> creates; a test proves the two agree.</summary>
public sealed class DbaaSDbContext(DbContextOptions<DbaaSDbContext> options) : DbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<User> Users => Set<User>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<Token> Tokens => Set<Token>();
    public DbSet<Flavor> Flavors => Set<Flavor>();
    public DbSet<Datastore> Datastores => Set<Datastore>();
    public DbSet<DatastoreVersion> DatastoreVersions => Set<DatastoreVersion>();
    public DbSet<DatastoreVersionFlavor> DatastoreVersionFlavors => Set<DatastoreVersionFlavor>();
    public DbSet<ConfigurationParameter> ConfigurationParameters => Set<ConfigurationParameter>();
    public DbSet<Quota> Quotas => Set<Quota>();
    public DbSet<QuotaUsage> QuotaUsages => Set<QuotaUsage>();
    public DbSet<Instance> Instances => Set<Instance>();
    public DbSet<InstanceTask> InstanceTasks => Set<InstanceTask>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<RootEnabledHistory> RootEnabledHistory => Set<RootEnabledHistory>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Project>().ToTable("projects").HasKey(p => p.Id);
        model.Entity<User>().ToTable("users").HasKey(u => u.Id);
        model.Entity<RoleAssignment>().ToTable("role_assignments").HasKey(r => new { r.UserId, r.ProjectId, r.Role });
        model.Entity<Token>().ToTable("tokens").HasKey(t => t.TokenHash);
        model.Entity<Flavor>().ToTable("flavors").HasKey(f => f.Id);
        model.Entity<Datastore>().ToTable("datastores").HasKey(d => d.Id);
        model.Entity<DatastoreVersion>().ToTable("datastore_versions").HasKey(v => v.Id);
        model.Entity<DatastoreVersionFlavor>().ToTable("datastore_version_flavors")
            .HasKey(f => new { f.DatastoreVersionId, f.FlavorId });
        model.Entity<ConfigurationParameter>().ToTable("configuration_parameters").HasKey(p => p.Id);
        model.Entity<Quota>().ToTable("quotas").HasKey(q => new { q.ProjectId, q.Resource });
        model.Entity<QuotaUsage>().ToTable("quota_usages").HasKey(q => new { q.ProjectId, q.Resource });
        model.Entity<Instance>().ToTable("instances").HasKey(i => i.Id);
        model.Entity<InstanceTask>().ToTable("instance_tasks").HasKey(t => t.Id);
        model.Entity<InstanceTask>().Property(t => t.Args).HasColumnType("jsonb");
        model.Entity<OutboxMessage>().ToTable("outbox_messages").HasKey(m => m.Id);
        model.Entity<OutboxMessage>().Property(m => m.Id).UseIdentityAlwaysColumn();
        model.Entity<OutboxMessage>().Property(m => m.Body).HasColumnType("jsonb");
        model.Entity<RootEnabledHistory>().ToTable("root_enabled_history").HasKey(h => h.Id);
        model.Entity<RootEnabledHistory>().Property(h => h.Id).UseIdentityAlwaysColumn();

        // Foreign keys tell EF the insert order. datastores.default_version_id is left out on purpose: with it the
        // two tables would form a cycle EF cannot order; the database checks it (DEFERRABLE) at commit.
        model.Entity<User>().HasOne<Project>().WithMany().HasForeignKey(u => u.DefaultProjectId);
        model.Entity<RoleAssignment>().HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<RoleAssignment>().HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<Token>().HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<Token>().HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<DatastoreVersion>().HasOne<Datastore>().WithMany().HasForeignKey(v => v.DatastoreId);
        model.Entity<DatastoreVersionFlavor>().HasOne<DatastoreVersion>().WithMany().HasForeignKey(l => l.DatastoreVersionId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<DatastoreVersionFlavor>().HasOne<Flavor>().WithMany().HasForeignKey(l => l.FlavorId).OnDelete(DeleteBehavior.Cascade);
        model.Entity<Instance>().HasOne<Flavor>().WithMany().HasForeignKey(i => i.FlavorId);
        model.Entity<Instance>().HasOne<DatastoreVersion>().WithMany().HasForeignKey(i => i.DatastoreVersionId);
        model.Entity<InstanceTask>().HasOne<Instance>().WithMany().HasForeignKey(t => t.InstanceId);
        model.Entity<RootEnabledHistory>().HasOne<Instance>().WithMany().HasForeignKey(h => h.InstanceId);
        model.Entity<ConfigurationParameter>().HasOne<DatastoreVersion>().WithMany().HasForeignKey(p => p.DatastoreVersionId).OnDelete(DeleteBehavior.Cascade);

        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.From(property.Name));
                if (property.ClrType == typeof(DateTime) || property.ClrType == typeof(DateTime?))
                    property.SetColumnType("timestamp with time zone");
            }
    }
}
